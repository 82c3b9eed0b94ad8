/** DOM helpers for Taro H5 components in jsdom (stencil custom elements wrap native inputs). */
import { act, fireEvent, screen, waitFor } from '@testing-library/react'

/**
 * Types into the native <input> inside the element matching `selector` (a NutUI Input's class).
 * Taro's <taro-input-core> renders that input asynchronously, so wait for it.
 */
export async function typeInto(container: HTMLElement, selector: string, value: string): Promise<void> {
  const input = await waitFor(() => {
    const el = container.querySelector<HTMLInputElement>(`${selector} input`)
    if (!el) throw new Error(`no input inside ${selector}`)
    return el
  })
  fireEvent.input(input, { target: { value } })
}

/** Clicks the innermost element showing exactly `text`. */
export function clickText(text: string): void {
  fireEvent.click(screen.getByText(text))
}

/** Lets pending promises (API calls, state updates) settle. */
export async function settle(): Promise<void> {
  await act(async () => {
    await new Promise((r) => setTimeout(r, 0))
  })
}
