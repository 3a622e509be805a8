import { createRouter, createWebHashHistory } from 'vue-router'

export const router = createRouter({
  history: createWebHashHistory(),
  routes: [
    { path: '/', redirect: '/overview' },
    { path: '/overview', name: 'overview', component: () => import('./views/OverviewView.vue') },
    { path: '/deadlines', name: 'deadlines', component: () => import('./views/DeadlinesView.vue') },
    {
      path: '/list/:kind(gi|enterprise|user|trademark|candidate|application|incentive_rule)',
      name: 'list',
      component: () => import('./views/ListView.vue'),
      props: true,
    },
    {
      path: '/new/:kind(gi|enterprise|user|trademark|candidate|application|incentive_rule)',
      name: 'new',
      component: () => import('./views/NewView.vue'),
      props: true,
    },
    {
      path: '/record/:kind(gi|enterprise|user|trademark|candidate|application|incentive_rule)/:code',
      name: 'record',
      component: () => import('./views/DetailView.vue'),
      props: true,
    },
    { path: '/ledger', name: 'ledger', component: () => import('./views/LedgerView.vue') },
    { path: '/print', name: 'print', component: () => import('./views/PrintView.vue') },
    { path: '/history', name: 'history', component: () => import('./views/HistoryView.vue') },
    { path: '/settings', name: 'settings', component: () => import('./views/SettingsView.vue') },
    { path: '/:rest(.*)*', redirect: '/overview' },
  ],
})
