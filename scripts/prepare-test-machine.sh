#!/usr/bin/env bash
# Makes sure what the test suite needs from the machine is there, so `npm test` works on a fresh
# Debian machine: Debian's Chromium for the end-to-end suite (never a Playwright browser
# download), and the local PostgreSQL server started when it is installed but down.
set -uo pipefail

if [ ! -x /usr/bin/chromium ]; then
  if [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null 2>&1; then
    echo "Installing Debian's Chromium for the end-to-end tests…"
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq && apt-get install -y -qq chromium fonts-liberation >/dev/null || { echo "Could not install chromium with apt-get." >&2; exit 1; }
  else
    echo "The end-to-end tests need Chromium at /usr/bin/chromium: run 'sudo apt-get install chromium' once." >&2
    exit 1
  fi
fi

# e2e/replicas.spec.ts puts three portals behind Debian's haproxy; the Kubernetes manifest test
# compares its renderer with `kubectl kustomize` when a kubectl with kustomize v4+ is installed
# (Debian's kubernetes-client is older; the test then relies on the tested renderer alone).
if ! command -v haproxy >/dev/null 2>&1 && [ ! -x /usr/sbin/haproxy ]; then
  if [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null 2>&1; then
    echo "Installing Debian's haproxy for the replica tests…"
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq && apt-get install -y -qq haproxy >/dev/null || echo "Could not install haproxy: e2e/replicas.spec.ts will be skipped." >&2
  else
    echo "e2e/replicas.spec.ts needs haproxy: run 'sudo apt-get install haproxy' once (skipped until then)." >&2
  fi
fi

# server/metrics/prometheus-rules.test.ts checks deploy/prometheus/ with Debian's promtool, and
# server/metrics/prometheus-scrape.test.ts has a real Prometheus scrape a running portal.
if ! command -v promtool >/dev/null 2>&1; then
  if [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null 2>&1; then
    echo "Installing Debian's prometheus (promtool) for the observability tests…"
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq && apt-get install -y -qq --no-install-recommends prometheus >/dev/null || echo "Could not install prometheus: the promtool and scrape tests will be skipped, saying why." >&2
  else
    echo "The observability tests need Prometheus: run 'sudo apt-get install prometheus' once (skipped until then)." >&2
  fi
fi

if command -v pg_isready >/dev/null 2>&1 && ! pg_isready -h 127.0.0.1 -p 5432 -q; then
  if command -v pg_ctlcluster >/dev/null 2>&1 && [ -d /etc/postgresql ] && [ "$(id -u)" = "0" ]; then
    echo "Starting the local PostgreSQL server…"
    for version in /etc/postgresql/*; do
      pg_ctlcluster --skip-systemctl-redirect "$(basename "$version")" main start >/dev/null 2>&1 || true
    done
    for _ in $(seq 1 30); do pg_isready -h 127.0.0.1 -p 5432 -q && break; sleep 1; done
  fi
fi
if pg_isready -h 127.0.0.1 -p 5432 -q 2>/dev/null; then
  echo "PostgreSQL on 127.0.0.1:5432: up (integration tests run against it too)."
else
  echo "PostgreSQL on 127.0.0.1:5432: not reachable (its integration tests are skipped; PGlite tests still run)."
fi
exit 0
