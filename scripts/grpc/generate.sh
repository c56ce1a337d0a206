#!/usr/bin/env bash
# Regenerates the grpc.health.v1 Swift code from health.proto: protoc (from PyPI's grpcio-tools),
# protoc-gen-swift (swift-protobuf) and protoc-gen-grpc-swift-2 (grpc-swift-protobuf), the
# plugins built from the same package versions Package.swift resolves. Run it by hand; the
# output is committed, so no build needs protoc.
set -euo pipefail
cd "$(dirname "$0")/../.."
work=${GRPC_GEN_DIR:-/tmp/argus-grpc-gen}
mkdir -p "$work"
if [ ! -x "$work/venv/bin/python" ]; then
  python3 -m venv "$work/venv"
  "$work/venv/bin/pip" install -q grpcio-tools
fi
build_plugin() { # repository, version, product
  local dir="$work/$(basename "$1")"
  [ -d "$dir" ] || git clone -q --branch "$2" "https://github.com/$1.git" "$dir"
  (cd "$dir" && swift build -c release --product "$3" >&2 && echo "$dir/.build/release/$3")
}
swift_plugin=$(build_plugin apple/swift-protobuf 1.39.0 protoc-gen-swift)
grpc_plugin=$(build_plugin grpc/grpc-swift-protobuf 2.4.1 protoc-gen-grpc-swift-2)
out=Sources/Support/GRPCHealth
"$work/venv/bin/python" -m grpc_tools.protoc -I scripts/grpc \
  --plugin=protoc-gen-swift="$swift_plugin" --swift_out="$out" --swift_opt=Visibility=Public \
  --plugin=protoc-gen-grpc-swift="$grpc_plugin" --grpc-swift_out="$out" \
  --grpc-swift_opt=Visibility=Public,Client=true,Server=true \
  health.proto
echo "generated: $(ls "$out")"
