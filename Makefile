# The commands people type. The real build is CMake + Ninja (CMakePresets.json).
.PHONY: all build run test bench clean bootstrap fuzz golden

PORTSEC := build/release/portsec
DB ?= portsec.db

all: build

bootstrap:
	@scripts/bootstrap.sh

build: bootstrap
	@cmake --preset release >/dev/null
	@cmake --build --preset release

run: build
	@scripts/run.sh $(PORTSEC) $(DB)

# The release build (gcc, -O3) is built too: its warnings differ from clang's,
# and 'make run' must never be the first to meet them.
test: bootstrap
	@scripts/check-banned.sh
	@cmake --preset release >/dev/null
	@cmake --build --preset release
	@cmake --preset asan >/dev/null
	@cmake --build --preset asan
	@ctest --preset asan

bench: build
	@for b in bench/*.sh; do echo "== $$b"; bash $$b || exit 1; done

# Regenerate golden files after an intended change of output (review the diff!).
golden: build
	@PSEC_GOLDEN_UPDATE=1 PORTSEC=$(CURDIR)/$(PORTSEC) SRCDIR=$(CURDIR) \
	  bash -c 'for t in tests/cli/*.sh; do bash $$t || exit 1; done'

clean:
	rm -rf build
