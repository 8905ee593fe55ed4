#!/usr/bin/env bash
# Builds what is needed and runs the whole platform on the embedded default, until Ctrl-C.
set -euo pipefail
cd "$(dirname "$0")"
./mvnw -q -B -Dmaven.test.skip=true package
exec java -jar infra/launcher/target/launcher.jar "$@"
