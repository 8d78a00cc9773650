# `cpack -G DEB` in the build folder: looplab_<version>_amd64.deb, installing to /usr.
# The binary finds its lessons and Python package relative to itself (../share/looplab), so the
# package works wherever it is unpacked. docs/packaging.md has how to build, check and install
# it, and what lintian says.
set(CPACK_GENERATOR DEB)
set(CPACK_PACKAGE_NAME looplab)
set(CPACK_PACKAGE_VERSION ${PROJECT_VERSION})
set(CPACK_PACKAGE_VENDOR "The LoopLab developers")
set(CPACK_PACKAGE_DESCRIPTION_SUMMARY "learn Python's asyncio by stepping through a program")
set(CPACK_PACKAGING_INSTALL_PREFIX /usr)
set(CPACK_STRIP_FILES ON) # the debug information of a RelWithDebInfo build stays behind
set(CPACK_DEBIAN_FILE_NAME DEB-DEFAULT) # looplab_0.1.0_amd64.deb
set(CPACK_DEBIAN_PACKAGE_MAINTAINER "LoopLab developers <looplab@users.noreply.github.com>")
set(CPACK_DEBIAN_PACKAGE_SECTION education)
set(CPACK_DEBIAN_PACKAGE_PRIORITY optional)
set(CPACK_DEBIAN_PACKAGE_HOMEPAGE https://github.com/looplab/looplab)
# The long description (CPack puts the summary above it and indents it as Debian wants).
set(CPACK_PACKAGE_DESCRIPTION
    "LoopLab runs a real asyncio program on the real CPython interpreter, but on
a deterministic event loop with a virtual clock, records every step, and
lets you step through it: which task runs, which tasks wait and on what,
and what the loop does next. It comes with a course of lessons, a
presenting mode for classrooms, and exports to PNG, SVG, PDF, CSV and
Chrome traces.")
# The libraries (Qt, QScintilla, libpython3.11, ...) are computed from the binary by
# dpkg-shlibdeps; libpython3.11 brings the standard library the embedded interpreter imports.
set(CPACK_DEBIAN_PACKAGE_SHLIBDEPS ON)
set(CPACK_DEBIAN_PACKAGE_CONTROL_STRICT_PERMISSION ON)
include(CPack)
