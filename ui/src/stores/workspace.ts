import { defineStore } from 'pinia'
import { computed, ref, shallowRef } from 'vue'
import { api } from '../api/commands'
import type { WorkspaceInfo } from '../api/bindings/WorkspaceInfo'
import { divisionLabel } from '../lib/format'
import { i18n, setLocale, type Locale } from '../i18n'

export const useWorkspace = defineStore('workspace', () => {
  const info = shallowRef<WorkspaceInfo | null>(null)
  const error = shallowRef<unknown>(null)
  const locale = ref<Locale>(i18n.global.locale.value as Locale)
  /** Bumped after any change, so lists and the overview refetch. */
  const changes = ref(0)

  async function load() {
    try {
      info.value = await api.workspaceInfo()
      error.value = null
    } catch (e) {
      error.value = e
    }
  }

  async function setActor(name: string) {
    info.value = await api.setActor(name)
  }

  function switchLocale(to?: Locale) {
    const next = to ?? (locale.value === 'zh-CN' ? 'en-US' : 'zh-CN')
    locale.value = next
    setLocale(next)
  }

  function changed() {
    changes.value++
    void load()
  }

  const divisions = computed(() => info.value?.divisions ?? [])
  // Today comes from Rust, in the local time zone (or TERROIR_TODAY); the UI never computes it.
  const today = computed(() => info.value?.today ?? '')
  const division = (code: string | null | undefined) => divisionLabel(code, divisions.value)
  const workspaceName = computed(() => {
    const p = info.value?.db_path ?? ''
    const parts = p.split(/[\\/]/).filter(Boolean)
    const stem = (parts.pop() ?? '').replace(/\.(db|sqlite3?|terroir)$/i, '')
    const generic = ['terroir', 'workspace', 'data', 'db', '']
    return generic.includes(stem.toLowerCase()) ? (parts.pop() ?? stem) : stem
  })

  return { info, error, locale, changes, load, setActor, switchLocale, changed, divisions, division, today, workspaceName }
})
