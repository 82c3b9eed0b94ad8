import { configure } from '@nutui/icons-react-taro'
import type { PropsWithChildren } from 'react'
import './app.css'

// NutUI icons render an <i>, which has no mini-program template: draw them with <view> there.
if (process.env.TARO_ENV !== 'h5') configure({ tag: 'view' })

/** Session and routing live in pages/login; the app shell only carries global styles. */
export default function App({ children }: PropsWithChildren) {
  return children
}
