#!/usr/bin/perl
# 0605: fields from the message itself: a JSON line's members and a
# logfmt line's pairs become fields, their msg member the event's msg;
# sentences with an '=' and broken JSON are left alone; extract = off
# keeps lines whole; a secret in a member is redacted first.
use strict;
use warnings;
use FindBin;
use lib "$FindBin::Bin/lib";
use Test::More;
use WL;

sub evs {
	my ($input, %env) = @_;
	my $r = run(cmd => [ 'perl', '-e', 'local $/; my $x = <STDIN>; syswrite STDERR, $x' ],
	    stdin => $input, preload => 1,
	    env => { WITHLOG_FORMAT => 'json', WITHLOG_RATE => '0', %env });
	return [ events($r->{stderr}) ];
}

my $ev = evs(qq({"level":"warn","msg":"disk slow","disk":"sda","lat":{"p99":12},"Req-ID":7,"ok":true}\n));
is($ev->[0]{msg}, 'disk slow', "a JSON line's msg member is the event's msg");
is_deeply([ @{ $ev->[0] }{qw(disk lat req_id ok)} ], [ 'sda', '{"p99":12}', '7', 'true' ],
    'its other members are fields (objects compact, names folded to a-z0-9_.)');

$ev = evs(qq(level=info msg="user \\"bob\\" logged in" user=bob dur=3ms\n));
is($ev->[0]{msg}, 'user "bob" logged in', "a logfmt line's msg is the event's msg, unescaped");
is_deeply([ @{ $ev->[0] }{qw(user dur)} ], [ 'bob', '3ms' ], 'its pairs are fields');

$ev = evs("a=b is a sentence, not logfmt\n{\"broken\": json\n");
is_deeply([ map { $_->{msg} } @$ev ], [ 'a=b is a sentence, not logfmt', '{"broken": json' ],
    'a sentence with an equals sign and broken JSON are left whole');
ok(!exists $ev->[0]{a}, 'and give no fields');

$ev = evs(qq({"msg":"x","user":"bob"}\n), WITHLOG_EXTRACT => 'off');
is($ev->[0]{msg}, '{"msg":"x","user":"bob"}', 'extract = off keeps the line whole');

$ev = evs(qq({"msg":"login","password":"hunter2","user":"bob"}\n), WITHLOG_REDACT => 'on');
is_deeply([ @{ $ev->[0] }{qw(msg password user)} ], [ 'login', '***', 'bob' ],
    'a secret in a member is redacted before it becomes a field');

done_testing();
