# mk/programs.mk - the real Debian programs the tests run under withlog
# (t/0901 real programs, t/0803 strace and logrotate, t/prog/*.cc), so
# that a fresh Debian 12 machine has them after make deps.
DEB_PKGS += g++ curl git python3 nginx strace logrotate
