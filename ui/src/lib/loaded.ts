// A value Rust computes for the record on screen (readiness, eligibility), reloaded whenever
// the record changes; only the newest answer is kept when loads overlap.
import { ref, shallowRef, watch, type WatchSource } from 'vue'
import { mapApiError, type MappedErrors } from './errors'

export function useLoaded<T>(fetch: () => Promise<T>, deps: WatchSource[]) {
  const result = shallowRef<T | null>(null)
  const error = shallowRef<MappedErrors | null>(null)
  const loading = ref(false)
  let seq = 0
  async function load() {
    const mine = ++seq
    loading.value = true
    try {
      const r = await fetch()
      if (mine !== seq) return
      result.value = r
      error.value = null
    } catch (e) {
      if (mine === seq) error.value = mapApiError(e)
    } finally {
      if (mine === seq) loading.value = false
    }
  }
  watch(deps, load, { immediate: true })
  return { result, error, loading, load }
}
