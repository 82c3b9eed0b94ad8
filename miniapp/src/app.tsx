import type { PropsWithChildren } from 'react'
import './app.css'

/** Session and routing live in pages/login; the app shell only carries global styles. */
export default function App({ children }: PropsWithChildren) {
  return children
}
