/**
 * A small valid platform: most broken cases (test/config/broken/) are this text with a few lines
 * changed. Line numbers in the expectations count from the first line ("version: 1").
 */
export const BASE = `version: 1
name: shop
stacks:
  node:
    port: 3000
    healthPath: /healthz
    local:
      command: [node, server.js]
  java:
    port: 8080
services:
  web:
    stack: node
    dependsOn: [api]
  api:
    stack: java
    port: 8081
    dependsOn: [auth]
    variables:
      jwtSecret: { secret: "env:JWT_SECRET" }
  auth:
    stack: java
tiers:
  prod:
    replicas: { min: 2, max: 4 }
environments:
  local:
    tier: nonprod
    target: local
    router: { port: 7000 }
  dev:
    from: local
    tier: nonprod
    router: { port: 7001 }
    progressDeadline: 15m
    triggers:
      - branch: develop
  live:
    from: dev
    tier: prod
    aliases: [prod]
    strategy: { type: canary, plan: careful }
    analysis:
      provider: { type: prometheus, url: "http://prometheus:9090" }
    approvals:
      groups: [CAB, QA Lead]
      policy: minimum
      minimum: 2
      timeout: 1440m
    windows:
      timezone: Europe/London
      weekly:
        - days: [mon, tue, wed, thu]
          from: "09:00"
          to: "16:00"
      freezes:
        - name: Christmas
          from: 2025-12-20
          to: 2026-01-02
users:
  ana: { name: Ana, email: ana@example.com }
  bo: {}
  cy: {}
groups:
  CAB:
    members: [ana, bo]
  QA Lead:
    members: [cy]
variableGroups:
  Common:
    kind: global
    variables:
      LOG_LEVEL: info
  Live Secrets:
    kind: environment
    environments: [live]
    variables:
      DB_PASSWORD: { secret: "keyvault:LIVE-DB-PASSWORD" }
analysis:
  thresholds:
    errorRate: { warning: "0.5%", critical: 2 }
  canaryPlans:
    careful:
      steps:
        - { weight: 10, bake: 15m }
        - { weight: 50, bake: 1h }
        - { weight: 100 }
`;
