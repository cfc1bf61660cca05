# declutter: plain make. `make check` builds and runs every test;
# `make demo` runs the tool on a bundled page. Both install missing
# Debian build dependencies first (apt-get, as root).

PREFIX   ?= /usr/local
DESTDIR  ?=
BUILDDIR ?= build
DATASETS ?= ../shared/datasets

CC       ?= cc
PKGS      = gumbo uchardet
DEPS_DEB  = build-essential pkg-config libgumbo-dev libuchardet-dev check python3

WARN      = -Wall -Wextra -Wshadow -Wstrict-prototypes -Wmissing-prototypes \
            -Wpointer-arith -Wformat=2 -Wno-unused-parameter
CFLAGS   ?= -O2 -g
ALL_CFLAGS = -std=c11 -D_POSIX_C_SOURCE=200809L $(WARN) $(CFLAGS) -Iinclude -Isrc -MMD -MP
PKG_CFLAGS = $(shell pkg-config --cflags $(PKGS) 2>/dev/null)
PKG_LIBS   = $(shell pkg-config --libs $(PKGS) 2>/dev/null)
CHECK_LIBS = $(shell pkg-config --libs check 2>/dev/null) -lpthread

LIB_SRC   = $(wildcard src/*.c)
CLI_SRC   = $(wildcard src/cli/*.c)
TEST_SRC  = $(wildcard tests/check_*.c)
LIB_OBJ   = $(LIB_SRC:%.c=$(BUILDDIR)/%.o)
CLI_OBJ   = $(CLI_SRC:%.c=$(BUILDDIR)/%.o)
TEST_BIN  = $(TEST_SRC:tests/%.c=$(BUILDDIR)/tests/%)
LIBA      = $(BUILDDIR)/libdeclutter.a
BIN       = $(BUILDDIR)/declutter

.PHONY: all deps test check demo eval clean asan valgrind

all: $(BIN)

# Installs what the build needs when it is missing (Debian 12, as root).
deps:
	@missing=""; for p in $(DEPS_DEB); do \
	  dpkg -s $$p >/dev/null 2>&1 || missing="$$missing $$p"; done; \
	if [ -n "$$missing" ]; then \
	  echo "installing:$$missing"; \
	  if [ "$$(id -u)" != 0 ]; then echo "run as root, or install:$$missing" >&2; exit 1; fi; \
	  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $$missing; \
	fi

$(BUILDDIR)/%.o: %.c
	@mkdir -p $(dir $@)
	$(CC) $(ALL_CFLAGS) $(PKG_CFLAGS) -c $< -o $@

$(LIBA): $(LIB_OBJ)
	@mkdir -p $(dir $@)
	rm -f $@
	ar rcs $@ $^

$(BIN): $(CLI_OBJ) $(LIBA)
	$(CC) $(CFLAGS) $(LDFLAGS) -o $@ $(CLI_OBJ) $(LIBA) $(PKG_LIBS)

$(BUILDDIR)/tests/%: tests/%.c $(LIBA)
	@mkdir -p $(dir $@)
	$(CC) $(ALL_CFLAGS) $(PKG_CFLAGS) -DTESTDATA='"testdata"' $< -o $@ $(LIBA) $(PKG_LIBS) $(CHECK_LIBS)

# Every suite runs even when one fails; the target fails if any did.
test: $(BIN) $(TEST_BIN)
	@fail=0; for t in $(TEST_BIN); do \
	  CK_FORK=yes ./$$t || fail=1; done; \
	sh tests/cli.sh $(BIN) || fail=1; \
	sh tests/golden.sh $(BIN) testdata/golden || fail=1; \
	python3 tools/test_eval.py || fail=1; \
	exit $$fail

# The README's test command: dependencies, build, every test, the
# accuracy floors (skipped when $(DATASETS) is absent), then the unit and
# golden suites again under AddressSanitizer and UBSan.
check: deps
	$(MAKE) test
	python3 tools/eval.py --floor --datasets $(DATASETS) --bin $(BIN)
	$(MAKE) asan

demo: deps
	$(MAKE) all
	./$(BIN) testdata/golden/seed-news.html

eval: deps
	$(MAKE) all
	python3 tools/eval.py --datasets $(DATASETS) --bin $(BIN)

ASAN_FLAGS = -O1 -g -fsanitize=address,undefined -fno-sanitize-recover=all -fno-omit-frame-pointer
asan:
	$(MAKE) BUILDDIR=build-asan CFLAGS="$(ASAN_FLAGS)" LDFLAGS="-fsanitize=address,undefined" \
	  ASAN_OPTIONS=detect_leaks=1 test

# Unit suites and the golden runner under valgrind's memcheck.
valgrind: $(BIN) $(TEST_BIN)
	@fail=0; for t in $(TEST_BIN); do \
	  CK_FORK=no valgrind -q --leak-check=full --errors-for-leak-kinds=all \
	    --error-exitcode=1 --suppressions=tests/valgrind.supp ./$$t >/dev/null || fail=1; done; \
	for f in testdata/golden/*.html; do \
	  valgrind -q --leak-check=full --error-exitcode=1 --suppressions=tests/valgrind.supp \
	    ./$(BIN) -f json $$f >/dev/null || fail=1; done; \
	exit $$fail

clean:
	rm -rf $(BUILDDIR) build-asan

-include $(LIB_OBJ:.o=.d) $(CLI_OBJ:.o=.d)
