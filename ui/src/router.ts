import { createRouter, createWebHashHistory } from 'vue-router'
import vocabulary from './api/bindings/vocabulary.json'

/** Every record kind, from Rust's vocabulary: a new kind has its pages without an edit here. */
const KINDS = Object.keys(vocabulary['zh-CN'].kind).join('|')

export const router = createRouter({
  history: createWebHashHistory(),
  routes: [
    { path: '/', redirect: '/overview' },
    { path: '/overview', name: 'overview', component: () => import('./views/OverviewView.vue') },
    { path: '/dashboard', name: 'dashboard', component: () => import('./views/DashboardView.vue') },
    { path: '/deadlines', name: 'deadlines', component: () => import('./views/DeadlinesView.vue') },
    {
      path: `/list/:kind(${KINDS})`,
      name: 'list',
      component: () => import('./views/ListView.vue'),
      props: true,
    },
    {
      path: `/new/:kind(${KINDS})`,
      name: 'new',
      component: () => import('./views/NewView.vue'),
      props: true,
    },
    {
      path: `/record/:kind(${KINDS})/:code`,
      name: 'record',
      component: () => import('./views/DetailView.vue'),
      props: true,
    },
    { path: '/ledger', name: 'ledger', component: () => import('./views/LedgerView.vue') },
    { path: '/stats', name: 'stats', component: () => import('./views/StatsView.vue') },
    { path: '/plan', name: 'plan', component: () => import('./views/PlanView.vue') },
    { path: '/print', name: 'print', component: () => import('./views/PrintView.vue') },
    { path: '/wording', name: 'wording', component: () => import('./views/WordingView.vue') },
    { path: '/history', name: 'history', component: () => import('./views/HistoryView.vue') },
    { path: '/settings', name: 'settings', component: () => import('./views/SettingsView.vue') },
    { path: '/:rest(.*)*', redirect: '/overview' },
  ],
})
