import { mount, flushPromises } from '@vue/test-utils'
import { createPinia, setActivePinia } from 'pinia'
import { createRouter, createMemoryHistory } from 'vue-router'
import { mockIPC, clearMocks } from '@tauri-apps/api/mocks'
import { defineComponent, h, type Component } from 'vue'
import { NMessageProvider } from 'naive-ui'
import { makeI18n } from '../src/i18n'
import { createMockBackend } from '../src/mock/install'

type Handler = (args: Record<string, unknown>) => unknown

/** The mock backend behind mockIPC, recording every call; `overrides` answer some commands instead. */
export function installBackend(
  opts: Parameters<typeof createMockBackend>[0] & { overrides?: Record<string, Handler> } = {},
) {
  clearMocks()
  const backend = createMockBackend(opts)
  const calls: { cmd: string; args: Record<string, unknown> }[] = []
  mockIPC((cmd, args) => {
    calls.push({ cmd, args: args as Record<string, unknown> })
    const own = opts.overrides?.[cmd]
    if (own) return own(args as Record<string, unknown>)
    return backend.handle(cmd, args as Record<string, unknown>)
  })
  return { backend, calls }
}

export async function mountWith(component: Component, props: Record<string, unknown> = {}, locale: 'zh-CN' | 'en-US' = 'zh-CN') {
  const pinia = createPinia()
  setActivePinia(pinia)
  const i18n = makeI18n(locale)
  const router = createRouter({ history: createMemoryHistory(), routes: [{ path: '/:p(.*)*', component: { render: () => null } }] })
  const Wrapper = defineComponent({ render: () => h(NMessageProvider, null, { default: () => h(component, props) }) })
  const wrapper = mount(Wrapper, { global: { plugins: [pinia, i18n, router] }, attachTo: document.body })
  const { useWorkspace } = await import('../src/stores/workspace')
  await useWorkspace().load()
  await flushPromises()
  return { wrapper, router, i18n }
}

export { flushPromises }
