import { createApp } from 'vue'
import { createPinia } from 'pinia'
import '@fontsource/noto-sans-sc/400.css'
import '@fontsource/noto-sans-sc/500.css'
import '@fontsource/jetbrains-mono/400.css'
import './styles.css'
import App from './App.vue'
import { router } from './router'
import { i18n, messages } from './i18n'

async function start() {
  // Screenshot and demo builds only (`vite` dev server or `vite build --mode mock`): `?mock`
  // answers the IPC calls from sample data. The production build drops this branch.
  if (import.meta.env.MODE !== 'production' && new URLSearchParams(location.search).has('mock')) {
    const { installMock } = await import('./mock/install')
    installMock()
  }
  document.documentElement.lang = i18n.global.locale.value
  await firstScreenFonts()
  createApp(App).use(createPinia()).use(i18n).use(router).mount('#app')
}

/** Every string under these message groups, joined: the words of the first screen. */
function wordsOf(groups: string[]): string {
  const out: string[] = []
  const walk = (v: unknown) => {
    if (typeof v === 'string') out.push(v)
    else if (v && typeof v === 'object') Object.values(v).forEach(walk)
  }
  for (const g of groups) walk((messages['zh-CN'] as Record<string, unknown>)[g])
  return [...new Set(out.join(''))].join('')
}

/**
 * The web font comes in unicode-range chunks, fetched only once text needs them, so the first
 * paint would show the characters as boxes on a machine without a CJK font. Load the chunks
 * the first screen's words need (both weights) before mounting; give up after 1.5 s rather
 * than hold the window blank.
 */
async function firstScreenFonts() {
  if (!document.fonts?.load) return
  const text = wordsOf(['app', 'nav', 'common', 'overview', 'list'])
  const loads = ['400', '500'].map((w) => document.fonts.load(`${w} 16px "Noto Sans SC"`, text))
  await Promise.race([Promise.all(loads), new Promise((r) => setTimeout(r, 1500))]).catch(() => undefined)
}

void start()
