# declutter: plain make. `make check` builds and runs every test;
# `make demo` runs the tool on a bundled page. Both install missing
# Debian build dependencies first (apt-get, as root). `make install`
# honours DESTDIR and the GNU directory variables below.

PREFIX   ?= /usr/local
DESTDIR  ?=
BINDIR   ?= $(PREFIX)/bin
LIBDIR   ?= $(PREFIX)/lib
INCLUDEDIR ?= $(PREFIX)/include
MANDIR   ?= $(PREFIX)/share/man
PKGCONFIGDIR ?= $(LIBDIR)/pkgconfig
BUILDDIR ?= build
DATASETS ?= ../shared/datasets

CC       ?= cc
PKGS      = gumbo uchardet
DEPS_DEB  = build-essential pkg-config libgumbo-dev libuchardet-dev zlib1g-dev check python3 parallel

WARN      = -Wall -Wextra -Wshadow -Wstrict-prototypes -Wmissing-prototypes \
            -Wpointer-arith -Wformat=2 -Wno-unused-parameter
CFLAGS   ?= -O2 -g
ALL_CFLAGS = -std=c11 -D_POSIX_C_SOURCE=200809L $(WARN) $(CFLAGS) -Iinclude -Isrc -MMD -MP
PKG_CFLAGS = $(shell pkg-config --cflags $(PKGS) 2>/dev/null)
PKG_LIBS   = $(shell pkg-config --libs $(PKGS) 2>/dev/null)
# The tool alone reads gzip and WARC input and runs worker pools.
CLI_LIBS   = $(shell pkg-config --libs zlib 2>/dev/null) -lpthread
CHECK_LIBS = $(shell pkg-config --libs check 2>/dev/null) -lpthread

# The release number lives in the header; the shared library's soname
# carries its major part.
VERSION  := $(shell sed -n 's/^.define DECLUTTER_VERSION "\([^"]*\)".*/\1/p' include/declutter.h)
ifeq ($(VERSION),)
$(error cannot read DECLUTTER_VERSION from include/declutter.h)
endif
VERSION_MAJOR := $(firstword $(subst ., ,$(VERSION)))
SONAME    = libdeclutter.so.$(VERSION_MAJOR)
SO_FILE   = libdeclutter.so.$(VERSION)

LIB_SRC   = $(wildcard src/*.c)
CLI_SRC   = $(wildcard src/cli/*.c)
TEST_SRC  = $(wildcard tests/check_*.c)
# One position-independent object set serves both libraries: -fPIC costs
# the statically linked tool under 1% on a 600-page run.
LIB_OBJ   = $(LIB_SRC:src/%.c=$(BUILDDIR)/pic/%.o)
CLI_OBJ   = $(CLI_SRC:%.c=$(BUILDDIR)/%.o)
TEST_BIN  = $(TEST_SRC:tests/%.c=$(BUILDDIR)/tests/%)
LIBA      = $(BUILDDIR)/libdeclutter.a
SO        = $(BUILDDIR)/$(SO_FILE)
SYMS      = $(BUILDDIR)/libdeclutter.map
PC        = $(BUILDDIR)/declutter.pc
BIN       = $(BUILDDIR)/declutter

.PHONY: all deps test check installcheck demo eval clean asan valgrind bench fuzz \
        install uninstall format FORCE

all: $(BIN) $(LIBA) $(SO)

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

$(BUILDDIR)/pic/%.o: src/%.c
	@mkdir -p $(dir $@)
	$(CC) $(ALL_CFLAGS) -fPIC $(PKG_CFLAGS) -c $< -o $@

$(LIBA): $(LIB_OBJ)
	@mkdir -p $(dir $@)
	rm -f $@
	ar rcs $@ $^

# The shared library exports the public declutter_* functions only; the
# dc_* names shared between modules stay internal.
$(SYMS):
	@mkdir -p $(dir $@)
	printf '{\n  global: declutter_*;\n  local: *;\n};\n' >$@

$(SO): $(LIB_OBJ) $(SYMS)
	$(CC) -shared $(CFLAGS) $(LDFLAGS) -Wl,-soname,$(SONAME) \
	  -Wl,--version-script=$(SYMS) -Wl,--no-undefined -o $@ $(LIB_OBJ) $(PKG_LIBS)

# Regenerated on every install: it records the directories of that run.
$(PC): declutter.pc.in FORCE
	@mkdir -p $(dir $@)
	sed -e 's|@PREFIX@|$(PREFIX)|' \
	    -e 's|@LIBDIR@|$(patsubst $(PREFIX)/%,$${exec_prefix}/%,$(LIBDIR))|' \
	    -e 's|@INCLUDEDIR@|$(patsubst $(PREFIX)/%,$${prefix}/%,$(INCLUDEDIR))|' \
	    -e 's|@VERSION@|$(VERSION)|' \
	    -e 's|@REQUIRES_PRIVATE@|$(PKGS)|' declutter.pc.in >$@

$(BIN): $(CLI_OBJ) $(LIBA)
	$(CC) $(CFLAGS) $(LDFLAGS) -o $@ $(CLI_OBJ) $(LIBA) $(PKG_LIBS) $(CLI_LIBS)

$(BUILDDIR)/tests/%: tests/%.c $(LIBA)
	@mkdir -p $(dir $@)
	$(CC) $(ALL_CFLAGS) $(PKG_CFLAGS) -DTESTDATA='"testdata"' $< -o $@ $(LIBA) $(PKG_LIBS) $(CHECK_LIBS)

# Every suite runs even when one fails; the target fails if any did.
test: $(BIN) $(TEST_BIN)
	@fail=0; for t in $(TEST_BIN); do \
	  CK_FORK=yes ./$$t || fail=1; done; \
	sh tests/cli.sh $(BIN) || fail=1; \
	sh tests/golden.sh $(BIN) testdata/golden || fail=1; \
	sh tests/batch.sh $(BIN) || fail=1; \
	sh tests/hostile.sh $(BIN) || fail=1; \
	python3 tools/test_eval.py || fail=1; \
	exit $$fail

# The README's test command: dependencies, build, every test, the
# accuracy floors (skipped when $(DATASETS) is absent), then the unit and
# golden suites again under AddressSanitizer and UBSan.
check: deps
	$(MAKE) test
	$(MAKE) installcheck
	python3 tools/eval.py --floor --datasets $(DATASETS) --bin $(BIN)
	$(MAKE) asan

# Installs into a temporary prefix, builds examples/ against it through
# pkg-config and uninstalls (kept out of `test`, which asan reruns).
installcheck: all
	MAKE="$(MAKE)" sh tests/install.sh

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
	for f in testdata/golden/*.html; do case $$f in *.out.html) continue;; esac; \
	  valgrind -q --leak-check=full --error-exitcode=1 --suppressions=tests/valgrind.supp \
	    ./$(BIN) -f json $$f >/dev/null || fail=1; done; \
	exit $$fail

install: $(BIN) $(LIBA) $(SO) $(PC)
	install -d $(DESTDIR)$(BINDIR) $(DESTDIR)$(LIBDIR) $(DESTDIR)$(PKGCONFIGDIR) \
	  $(DESTDIR)$(INCLUDEDIR) $(DESTDIR)$(MANDIR)/man1 $(DESTDIR)$(MANDIR)/man3
	install -m 755 $(BIN) $(DESTDIR)$(BINDIR)/declutter
	install -m 644 $(LIBA) $(DESTDIR)$(LIBDIR)/libdeclutter.a
	install -m 755 $(SO) $(DESTDIR)$(LIBDIR)/$(SO_FILE)
	ln -sf $(SO_FILE) $(DESTDIR)$(LIBDIR)/$(SONAME)
	ln -sf $(SONAME) $(DESTDIR)$(LIBDIR)/libdeclutter.so
	install -m 644 include/declutter.h $(DESTDIR)$(INCLUDEDIR)/declutter.h
	install -m 644 $(PC) $(DESTDIR)$(PKGCONFIGDIR)/declutter.pc
	install -m 644 man/declutter.1 $(DESTDIR)$(MANDIR)/man1/declutter.1
	install -m 644 man/declutter.3 $(DESTDIR)$(MANDIR)/man3/declutter.3

# Removes exactly what install wrote; directories stay, they may be shared.
uninstall:
	rm -f $(DESTDIR)$(BINDIR)/declutter \
	  $(DESTDIR)$(LIBDIR)/libdeclutter.a $(DESTDIR)$(LIBDIR)/$(SO_FILE) \
	  $(DESTDIR)$(LIBDIR)/$(SONAME) $(DESTDIR)$(LIBDIR)/libdeclutter.so \
	  $(DESTDIR)$(INCLUDEDIR)/declutter.h $(DESTDIR)$(PKGCONFIGDIR)/declutter.pc \
	  $(DESTDIR)$(MANDIR)/man1/declutter.1 $(DESTDIR)$(MANDIR)/man3/declutter.3

# Rewrites the sources in place by .clang-format.
format:
	clang-format -i $(wildcard src/*.[ch] src/cli/*.[ch] tests/*.[ch] examples/*.c include/*.h)

# Speed and memory figures (about 3 minutes on ../shared/datasets; knobs
# in tools/bench.sh: BENCH_PAGES, BENCH_RUNS, BENCH_SOAK ...). Kept out of
# `test` and `check`: timings are reported, not judged.
BENCH_BIN = $(BUILDDIR)/tools/bench
$(BENCH_BIN): tools/bench.c $(LIBA)
	@mkdir -p $(dir $@)
	$(CC) $(ALL_CFLAGS) $(PKG_CFLAGS) $< -o $@ $(LIBA) $(PKG_LIBS) $(CLI_LIBS)

bench: $(BIN) $(BENCH_BIN)
	DATASETS=$(DATASETS) sh tools/bench.sh $(BIN) $(BENCH_BIN) $(BUILDDIR)

-include $(BENCH_BIN).d

# libFuzzer target over the library (clang); run it with e.g.
#   mkdir -p fuzz-corpus && build/fuzz_declutter -max_total_time=1800 -timeout=10 \
#     -rss_limit_mb=2048 -max_len=200000 fuzz-corpus testdata/fuzz/seed testdata/golden
FUZZ_CC ?= clang
fuzz: $(BUILDDIR)/fuzz_declutter
$(BUILDDIR)/fuzz_declutter: tests/fuzz_declutter.c tests/validate.h $(LIB_SRC) $(wildcard src/*.h)
	@mkdir -p $(dir $@)
	$(FUZZ_CC) -g -O1 -fsanitize=fuzzer,address,undefined -fno-sanitize-recover=undefined \
	  -std=c11 -D_POSIX_C_SOURCE=200809L -Iinclude -Isrc $(PKG_CFLAGS) \
	  tests/fuzz_declutter.c $(LIB_SRC) -o $@ $(PKG_LIBS)

clean:
	rm -rf $(BUILDDIR) build-asan
	rm -f examples/summarize examples/summarize-static

-include $(LIB_OBJ:.o=.d) $(CLI_OBJ:.o=.d)
