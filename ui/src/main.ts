import { createApp } from 'vue'
import { createPinia } from 'pinia'
import '@fontsource/noto-sans-sc/400.css'
import '@fontsource/noto-sans-sc/500.css'
import '@fontsource/jetbrains-mono/400.css'
import './styles.css'
import App from './App.vue'
import { router } from './router'
import { i18n } from './i18n'
import { fontsFor, wordsOf } from './lib/fonts'

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

/**
 * The first screen's words (both weights) in the shipped font before mounting: the chunks are
 * fetched only once text needs them, so the first paint would show boxes on a machine without
 * a CJK font. Gives up after 1.5 s rather than hold the window blank.
 */
function firstScreenFonts() {
  return fontsFor(wordsOf(['app', 'nav', 'common', 'overview', 'list'], 'zh-CN'))
}

void start()
