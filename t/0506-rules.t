#!/usr/bin/perl
# 0506: user rules: tried in order before the detectors, first match wins;
# they set a level, add fields or drop; conditions on text (regex or
# substring), source, api, ident and the original priority; a changed
# syslog level keeps the original as a field; --explain honours -c; bad
# rules are clear errors.
use strict;
use warnings;
use FindBin;
use lib "$FindBin::Bin/lib";
use Test::More;
use WL;

my $wl = wl_script();
my $dir = tmpdir();


my $rules = conf('rules.conf', <<'EOF2');
[rule "retry is a warning"]
match = /connection reset.*retrying/
orig_level = err
source = syslog
level = warn
field.kind = retry
[rule "heartbeats are noise"]
contains = heartbeat
drop = yes
[rule "disk"]
match = /disk [0-9]+ failed/
level = fatal
[rule "later rule never wins"]
contains = disk
level = debug
[rule "tag only"]
contains = tagged
field.team = core
EOF2

my $prog = q{use Sys::Syslog qw(:standard :macros); openlog('svc', 'pid', LOG_DAEMON);
syslog(LOG_ERR, 'connection reset by peer, retrying');
syslog(LOG_ERR, 'connection reset by peer, giving up');
print STDERR "heartbeat 42\ndisk 3 failed\ntagged line\nconnection reset by peer, retrying\n";};
my $r = run(cmd => [ $wl, '-c', $rules, '-f', 'json', '-o', 'stderr', 'perl', '-e', $prog ]);
my @ev = events($r->{stderr});
# The last line matches no rule (its source is stderr): its level is the
# detectors' business, so only what the rules did is compared there.
my @got = map { join '|', $_->{msg}, $_->{level}, $_->{kind} // '-', $_->{team} // '-',
    $_->{orig_level} // '-', ($_->{level_src} // '-') =~ s/^(?!rule:).*/-/r } @ev;
$got[4] =~ s/\|[A-Z]+\|/|*|/ if @got > 4;
is_deeply(\@got, [
	'connection reset by peer, retrying|WARN|retry|-|err|rule:retry is a warning',
	'connection reset by peer, giving up|ERROR|-|-|-|-',
	'disk 3 failed|FATAL|-|-|-|rule:disk',
	'tagged line|INFO|-|core|-|-',
	'connection reset by peer, retrying|*|-|-|-|-',
], 'rules set levels and fields, drop, honour their conditions, first match wins, '
    . 'and a changed syslog level keeps orig_level') or diag(join("\n", @got));

$r = run(cmd => [ $wl, '-c', $rules, '--explain', 'disk 7 failed' ]);
is($r->{stdout}, "FATAL (severity 21), decided by rule:disk\n",
    '--explain names the rule that decided');
$r = run(cmd => [ $wl, '-c', $rules, '-f', 'json', '--explain', 'heartbeat' ]);
like($r->{stdout}, qr/"decided_by":"dropped"/, '--explain says when a rule drops');

for my $bad ([ "[rule x]\nlevel = warn\n", ":1: [rule:x] has no condition (match, contains, source, api, ident or orig_level)" ],
    [ "[rule x]\ncontains = a\n", ":1: [rule:x] does nothing (level, drop or field.NAME)" ],
    [ "[rule x]\nmatch = /a(/\nlevel = warn\n", ":2: match '/a(/': Unmatched ( or \\(" ],
    [ "[rule x]\nmatch = a\n", ":2: match 'a' is not a /regex/" ],
    [ "[rule x]\ncolour = red\n", ":2: unknown rule key 'colour'" ]) {
	my $f = conf('bad.conf', $bad->[0]);
	$r = run(cmd => [ $wl, '--check-config', $f ]);
	is($r->{stderr}, "withlog: $f$bad->[1]\n", "a bad rule is reported: $bad->[1]");
}

done_testing();
