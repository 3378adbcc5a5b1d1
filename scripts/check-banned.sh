#!/usr/bin/env bash
# Rejects calls that have no place in portsec: unbounded copies, unchecked
# conversions and non-reentrant tokenisers. Use the psec_ helpers in src/base/.
set -u
cd "$(dirname "$0")/.."
hits=$(grep -rnE '\b(strcpy|strcat|sprintf|vsprintf|atoi|atol|strtok|gets)[[:space:]]*\(' \
       src include tests/unit bench fuzz 2>/dev/null | grep -vE '^\S+:[0-9]+:\s*(//|/?\*)')
if [ -n "$hits" ]; then
  echo "banned calls found:"
  echo "$hits"
  exit 1
fi
echo "banned calls: none"
