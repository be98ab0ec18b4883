#!/usr/bin/perl
# 0601: context fields: seq numbers events without gaps, W3C TRACEPARENT
# gives trace_id and span_id (a malformed one gives nothing), and exe,
# argv0, ppid and uid come on request, with ppid right in a fork child.
use strict;
use warnings;
use FindBin;
use lib "$FindBin::Bin/lib";
use Test::More;
use WL;

my %J = (WITHLOG_FORMAT => 'json');
my $tp = '00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01';

my $r = run(cmd => [ 'sh', '-c', 'echo a >&2; echo b >&2; echo c >&2' ],
    preload => 1, env => { %J, TRACEPARENT => $tp });
my @ev = events($r->{stderr});
is(join(',', map { $_->{seq} } @ev), '1,2,3', 'seq counts the events from 1 without gaps');
is(join(',', map { "$_->{trace_id}/$_->{span_id}" } $ev[0]),
    '4bf92f3577b34da6a3ce929d0e0e4736/00f067aa0ba902b7',
    'TRACEPARENT gives trace_id and span_id');

for my $bad ('00-00000000000000000000000000000000-00f067aa0ba902b7-01',
    'ff-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01',
    '00-4BF92F3577B34DA6A3CE929D0E0E4736-00f067aa0ba902b7-01',
    '00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7') {
	$r = run(cmd => [ 'sh', '-c', 'echo a >&2' ], preload => 1,
	    env => { %J, TRACEPARENT => $bad });
	@ev = events($r->{stderr});
	ok(!exists $ev[0]{trace_id}, "a malformed TRACEPARENT ($bad) adds nothing");
}

$r = run(cmd => [ 'perl', '-e', 'print STDERR "parent $$\n"; if (my $p = fork) { waitpid $p, 0 } else { print STDERR "child $$\n" }' ],
    preload => 1, env => { %J, WITHLOG_CONTEXT => 'exe, argv0 ppid,uid' });
@ev = events($r->{stderr});
my ($ppid) = $ev[0]{msg} =~ /^parent (\d+)$/;
like($ev[0]{exe} // '', qr{/perl[\d.]*$}, 'exe is the executable');
is($ev[0]{argv0} // '', 'perl', 'argv0 is argv[0]');
is($ev[0]{uid} // '', $<, 'uid is the real user id');
is($ev[1]{ppid} // '', $ppid, "a fork child's ppid is its parent");
ok(($ev[0]{ppid} // '') =~ /^\d+$/ && $ev[0]{ppid} != $ppid, "the parent's ppid is its own parent");

# caller: the object and (where exported) the function that called in.
$r = run(cmd => [ 'perl', '-e', 'print STDERR "from perl\n"' ], preload => 1,
    env => { %J, WITHLOG_CONTEXT => 'caller' });
@ev = events($r->{stderr});
like($ev[0]{caller} // '', qr/^(?:libperl\.so[.\d]*|perl):PerlIO\w+$/,
    "caller names the shared object and exported function that wrote");
$r = run(cmd => [ 'ls', '/nonexistent' ], preload => 1,
    env => { %J, WITHLOG_CONTEXT => 'caller' });
@ev = events($r->{stderr});
is($ev[0]{caller} // '', 'ls', 'and the program itself when the call site is its own code');

$r = run(cmd => [ wl_script(), 'true' ], env => { WITHLOG_CONTEXT => 'pwd' });
like($r->{stderr}, qr/^withlog: WITHLOG_CONTEXT: unknown context field 'pwd'/,
    'an unknown context field is reported');

done_testing();
