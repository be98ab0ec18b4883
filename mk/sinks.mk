# The network and journald sinks: their tests run a real rsyslogd.
DEB_PKGS += rsyslog
