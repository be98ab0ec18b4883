#!/usr/bin/perl
# 0901 (programs the library cannot reach): a statically linked program
# from Debian (ldconfig) and a setuid one (newgrp, run as an ordinary
# user) run through the wrapper unchanged: the same exit status, stdout
# and stderr as without it, after one clear notice.  (t/0206 checks the
# notice for a static binary built by the test.)  And, as root, where the
# loader does honour the preload for a setuid-root program, whether the
# notice still tells the truth.
use strict;
use warnings;
use FindBin;
use lib "$FindBin::Bin/lib";
use Test::More tests => 7;
use WL;

my $wl = wl_script();

# Static: ldconfig is static-pie in Debian 12.
{
	my @cmd = ('/sbin/ldconfig', '--bogus');
	my $plain = run(cmd => \@cmd);
	my $r = run(cmd => [ $wl, '-f', 'json', '--', @cmd ]);
	is($r->{status}, $plain->{status},
	    'a static program from Debian keeps its exit status under the wrapper');
	is($r->{stderr},
	    "withlog: note: /sbin/ldconfig is statically linked: the library cannot reach it, its output is not changed\n"
	    . $plain->{stderr},
	    'its stderr is unchanged after the notice that the library cannot reach it');
}

# Setuid, as an ordinary user: the loader ignores LD_PRELOAD.
SKIP: {
	skip 'needs root (to become nobody) and setpriv', 3
	    unless $> == 0 && -x '/usr/bin/setpriv' && -u '/usr/bin/newgrp';
	my @as = ('setpriv', '--reuid=65534', '--regid=65534', '--clear-groups');
	my $plain = run(cmd => [ @as, 'newgrp', 'nosuchgroup' ]);
	my $r = run(cmd => [ @as, $wl, '-f', 'json', '--', 'newgrp', 'nosuchgroup' ]);
	is($r->{status}, $plain->{status},
	    'a setuid program run by an ordinary user keeps its exit status under the wrapper');
	is($r->{stdout}, $plain->{stdout}, 'and its stdout');
	is($r->{stderr},
	    "withlog: note: newgrp is setuid/setgid: the loader ignores the preload, its output is not changed\n"
	    . $plain->{stderr},
	    'its stderr is unchanged after the notice that the loader ignores the preload');
}

# As root, running a setuid-root program is not a privilege change: the
# loader does preload the library, so the output does change.
SKIP: {
	skip 'needs root', 2 unless $> == 0 && -u '/usr/bin/newgrp';
	skip "ASan's runtime, loaded after libc into newgrp, crashes in its own start-up", 2
	    if ($ENV{WITHLOG_TEST_SAN} // '') eq 'asan';
	my $r = run(cmd => [ $wl, '-f', 'json', '--', 'newgrp', 'nosuchgroup' ]);
	my @ev = grep { !exists $_->{_raw} } events($r->{stderr});
	ok(@ev == 1 && $ev[0]{msg} =~ /group 'nosuchgroup' does not exist/,
	    'as root, a setuid-root program does run with the library');
	unlike($r->{stderr}, qr/^withlog: note: .*setuid/m,
	    'so the wrapper does not claim its output is unchanged');
}
