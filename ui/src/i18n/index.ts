import { createI18n } from 'vue-i18n'
import zhCN from './zh-CN'
import enUS from './en-US'
// Rust's one vocabulary (crates/core/src/vocab.rs): the words for kinds, regimes, states,
// steps and factors, the same the CLI and the dossier print. The i18n files hold only the UI's
// own chrome.
import vocabulary from '../api/bindings/vocabulary.json'

export type Locale = 'zh-CN' | 'en-US'
export const LOCALES: Locale[] = ['zh-CN', 'en-US']
const STORAGE_KEY = 'terroir.locale'

export function savedLocale(): Locale {
  try {
    const v = localStorage.getItem(STORAGE_KEY)
    if (v === 'zh-CN' || v === 'en-US') return v
  } catch {
    // storage unavailable: use the default
  }
  return 'zh-CN'
}

/** The UI's chrome with the vocabulary, per language. */
export const messages = {
  'zh-CN': { ...zhCN, ...vocabulary['zh-CN'] },
  'en-US': { ...enUS, ...vocabulary['en-US'] },
}

export function makeI18n(locale: Locale = savedLocale()) {
  return createI18n({
    legacy: false,
    locale,
    fallbackLocale: 'zh-CN',
    messages,
    missingWarn: false,
    fallbackWarn: false,
  })
}

export const i18n = makeI18n()

export function setLocale(locale: Locale) {
  i18n.global.locale.value = locale
  document.documentElement.lang = locale
  try {
    localStorage.setItem(STORAGE_KEY, locale)
  } catch {
    // not persisted; fine
  }
}

export { zhCN, enUS }
