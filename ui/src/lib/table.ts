import type { VNodeChild } from 'vue'

export interface Column<T> {
  key: string
  title: string
  /** A CSS grid track: `120px`, `minmax(160px, 2fr)`. */
  width: string
  mono?: boolean
  align?: 'left' | 'right'
  render: (row: T) => VNodeChild
}
