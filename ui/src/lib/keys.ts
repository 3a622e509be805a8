import { onBeforeUnmount, onMounted } from 'vue'

/** Listen for keydown on the window while the component is mounted. */
export function useKeys(handler: (e: KeyboardEvent) => void) {
  onMounted(() => window.addEventListener('keydown', handler))
  onBeforeUnmount(() => window.removeEventListener('keydown', handler))
}

export function isCtrl(e: KeyboardEvent, key: string) {
  return (e.ctrlKey || e.metaKey) && !e.altKey && e.key.toLowerCase() === key
}
