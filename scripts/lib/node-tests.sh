#!/usr/bin/env bash
# node-tests.sh NAME PATH...: runs node's test runner, spec output to the terminal and
# TAP into artifacts/NAME.tap for the summary line of scripts/test.
set -euo pipefail
name="$1"; shift
mkdir -p "$REPO_ROOT/artifacts"
exec node --test --test-concurrency=1 \
  --test-reporter=spec --test-reporter-destination=stderr \
  --test-reporter=tap --test-reporter-destination="$REPO_ROOT/artifacts/$name.tap" "$@"
