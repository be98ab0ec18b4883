#!/usr/bin/perl
# 0606: the user's text template: placeholders filled, widths padded,
# literal braces, messages escaped as in the text format (one line per
# record), syslog events named by their ident; bad templates refused
# with a clear message.
use strict;
use warnings;
use FindBin;
use lib "$FindBin::Bin/lib";
use Test::More;
use WL;

my $r = run(cmd => [ wl_script(), '--field', 'team=core', '-o', 'stderr', 'perl', '-e',
    'use Sys::Syslog qw(:standard :macros); openlog("svc", "", LOG_DAEMON); syslog(LOG_WARNING, "from syslog"); print STDERR "two\\\\nparts \\e[1m\n"' ],
    env => { WITHLOG_TEXT_FORMAT => '{{{level:7}}} {name:5}|{source}|{facility}|{msg}|{fields}', WITHLOG_RATE => '0' });
is($r->{stderr}, "{WARN   } svc  |syslog|daemon|from syslog| team=core\n"
    . "{INFO   } perl |stderr|-|two\\\\nparts \\x1B[1m| team=core\n",
    'placeholders, widths, {{ }}, the ident as name, and the message escaped');

$r = run(cmd => [ 'sh', '-c', 'echo hi >&2' ], preload => 1,
    env => { WITHLOG_TEXT_FORMAT => '{ts} {pid}/{tid} #{seq} {api} {msg}' });
like($r->{stderr}, qr/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{6}Z (\d+)\/\1 #1 write hi\n\z/,
    'ts, pid, tid, seq and api');

my $conf = tmpdir() . '/tmpl.conf';
for my $bad ([ 'format.text = "{msg"', ":1: an unclosed '{' in the template" ],
    [ 'format.text = "x } y"', ":1: a lone '}' in the template" ],
    [ 'format.text = "{level:99}"', ":1: width of '{level}' is not 1 to 64" ]) {
	open(my $fh, '>', $conf) or die;
	print $fh "$bad->[0]\n";
	close $fh;
	$r = run(cmd => [ wl_script(), '--check-config', $conf ]);
	is($r->{stderr}, "withlog: $conf$bad->[1]\n", "a bad template is refused: $bad->[1]");
}

done_testing();
