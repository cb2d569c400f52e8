# zonelint: `make` builds build/zonelint; `make check` runs every test, then
# all of them again under AddressSanitizer and UBSan; `make fuzz` runs the
# fuzz targets for a bounded time; `make bench` times zonelint against peers.

CC       ?= cc
BUILD    ?= build
PKGS     := ldns jansson libgit2 yaml-0.1
WARN     := -Wall -Wextra -Werror -Wshadow -Wstrict-prototypes -Wmissing-prototypes \
            -Wpointer-arith -Wformat=2 -Wno-format-nonliteral
CFLAGS   ?= -O2 -g
CPPFLAGS += -D_DEFAULT_SOURCE -D_POSIX_C_SOURCE=200809L
ALL_CFLAGS = -std=c11 -I. $(WARN) $(CFLAGS) $(SAN_FLAGS) $(shell pkg-config --cflags $(PKGS))
LIBS     := $(shell pkg-config --libs $(PKGS)) -lpthread

# Sources are found by folder: every .c below parser/, lint/ and rules/.
LIB_SRC  := $(sort $(filter-out lint/cli/main.c,$(shell find parser lint rules -name '*.c')))
LIB_OBJ  := $(LIB_SRC:%.c=$(BUILD)/obj/%.o)
HOOK_C   := $(BUILD)/gen/hook_text.c
LIB_OBJ  += $(BUILD)/obj/gen/hook_text.o
LIB      := $(BUILD)/libzonelint.a
BIN      := $(BUILD)/zonelint

UNIT_SRC := $(sort $(wildcard tests/unit/test_*.c))
UNIT_BIN := $(UNIT_SRC:tests/unit/%.c=$(BUILD)/tests/%)
TOOL_BIN := $(BUILD)/tests/fixture_runner

.PHONY: all check check-run check-asan fuzz bench clean
all: $(BIN)

$(BUILD)/obj/%.o: %.c
	@mkdir -p $(dir $@)
	@echo "CC $<"
	@$(CC) $(CPPFLAGS) $(ALL_CFLAGS) -MMD -MP -c $< -o $@

# hooks/pre-commit ships inside the binary, for --install-hook: each line a
# C string, with \ " and ? escaped (? for trigraphs).
$(HOOK_C): hooks/pre-commit
	@mkdir -p $(dir $@)
	@{ echo '/* Generated from hooks/pre-commit by the Makefile. */'; \
	   echo 'extern const char zl_hook_text[];'; echo 'const char zl_hook_text[] ='; \
	   sed -e 's/[\\"?]/\\&/g' -e 's/^/    "/' -e 's/$$/\\n"/' $<; echo '    ;'; } > $@

$(BUILD)/obj/gen/hook_text.o: $(HOOK_C)
	@mkdir -p $(dir $@)
	@echo "CC $<"
	@$(CC) $(CPPFLAGS) $(ALL_CFLAGS) -c $< -o $@

$(LIB): $(LIB_OBJ)
	@rm -f $@
	@ar rcs $@ $^

$(BIN): $(BUILD)/obj/lint/cli/main.o $(LIB)
	$(CC) $(ALL_CFLAGS) $(LDFLAGS) $^ $(LIBS) -o $@

$(BUILD)/tests/%: tests/unit/%.c $(LIB)
	@mkdir -p $(dir $@)
	$(CC) $(CPPFLAGS) $(ALL_CFLAGS) $< $(LIB) $(LIBS) -lcmocka -o $@

$(BUILD)/tests/fixture_runner: tests/fixture_runner.c $(LIB)
	@mkdir -p $(dir $@)
	$(CC) $(CPPFLAGS) $(ALL_CFLAGS) $< $(LIB) $(LIBS) -o $@

# Every test: unit tests, the fixture suite, golden output, the real-world
# corpus; then the same under the sanitizers.
check: check-run check-asan

check-run: $(BIN) $(UNIT_BIN) $(TOOL_BIN)
	@set -e; for t in $(UNIT_BIN); do echo "== $$t"; $$t; done
	@echo "== fixtures"; $(TOOL_BIN) $(BIN) tests/fixtures
	@echo "== golden"; tests/run-golden.sh $(BIN)
	@echo "== cli"; tests/run-cli.sh $(BIN)
	@echo "== hook and git"; tests/run-hook.sh $(BIN)
	@echo "== fix"; tests/run-fix.sh $(BIN)
	@echo "== corpus"; tests/run-corpus.sh $(BIN)

# A sanitizer report exits 99, never 0, 1 or 2, so every test notices it.
check-asan: export ASAN_OPTIONS = exitcode=99:detect_leaks=1:abort_on_error=0:fast_unwind_on_malloc=0
check-asan: export LSAN_OPTIONS = suppressions=$(CURDIR)/tests/lsan.supp
check-asan: export UBSAN_OPTIONS = halt_on_error=1:exitcode=99:print_stacktrace=1
check-asan:
	$(MAKE) BUILD=build/asan CC=clang CFLAGS="-O1 -g -fno-omit-frame-pointer" \
	  SAN_FLAGS="-fsanitize=address,undefined -fno-sanitize-recover=all" check-run

fuzz: $(HOOK_C)
	$(MAKE) -f fuzz/Makefile

bench: $(BIN)
	bench/run.sh

clean:
	rm -rf build

-include $(LIB_OBJ:.o=.d) $(BUILD)/obj/lint/cli/main.d
