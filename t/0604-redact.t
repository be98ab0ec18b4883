#!/usr/bin/perl
# 0604: redaction: off by default; one switch turns on the built-in
# patterns (URL passwords, password=/token:/"secret": pairs, Authorization
# credentials, AWS access key ids, PEM private key bodies); [redact]
# rules add regexes; ordinary text is untouched; the secret reaches no
# sink, not even a rate-limit summary's sample.
use strict;
use warnings;
use FindBin;
use lib "$FindBin::Bin/lib";
use Test::More;
use WL;

my %J = (WITHLOG_FORMAT => 'json', WITHLOG_RATE => '0');
sub msgs_of {
	my ($input, %env) = @_;
	my $r = run(cmd => [ 'perl', '-e', 'local $/; my $x = <STDIN>; syswrite STDERR, $x' ],
	    stdin => $input, preload => 1, env => { %J, %env });
	return [ map { $_->{msg} } events($r->{stderr}) ];
}

my @cases = (
	[ 'connect postgres://app:s3cr3t@db:5432/x', 'connect postgres://app:***@db:5432/x' ],
	[ 'login password=hunter2 user=bob', 'login password=*** user=bob' ],
	[ 'cfg {"secret": "xyz", "port": 80}', 'cfg {"secret": "***", "port": 80}' ],
	[ 'token: abc.def-ghi next', 'token: *** next' ],
	[ 'api_key=K1&x=2', 'api_key=***&x=2' ],
	[ 'Authorization: Bearer eyJhbGciOi.x.y', 'Authorization: Bearer ***' ],
	[ 'header authorization: Basic dXNlcjpwYXNz', 'header authorization: Basic ***' ],
	[ 'using AKIAIOSFODNN7EXAMPLE now', 'using *** now' ],
	[ 'password reset requested for bob', 'password reset requested for bob' ],
	[ 'tokenizer=fast passwords: 3 changed', 'tokenizer=fast passwords: 3 changed' ],
	[ 'http://example.com/a:b@c', 'http://example.com/a:b@c' ],
	[ 'AKIAIOSFODNN7EXAMPLEX is no key', 'AKIAIOSFODNN7EXAMPLEX is no key' ],
);
my $in = join('', map { "$_->[0]\n" } @cases);
is_deeply(msgs_of($in), [ map { $_->[0] } @cases ], 'redaction is off by default');
is_deeply(msgs_of($in, WITHLOG_REDACT => 'on'), [ map { $_->[1] } @cases ],
    'with redact on every built-in pattern is redacted and ordinary text untouched');

my $pem = "-----BEGIN RSA PRIVATE KEY-----\nMIIEpAIBAAKCAQEAz\nQWERTYUIOP12345\n-----END RSA PRIVATE KEY-----\n";
is_deeply(msgs_of($pem, WITHLOG_REDACT => 'on'),
    [ "-----BEGIN RSA PRIVATE KEY-----\n***\n-----END RSA PRIVATE KEY-----" ],
    'a private key printed line by line becomes one event with its body redacted');

my $conf = tmpdir() . '/redact.conf';
open(my $fh, '>', $conf) or die;
print $fh "[redact cards]\nmatch = /[0-9]{4}( ?[0-9]{4}){3}/\nreplace = \"[card]\"\n";
close $fh;
is_deeply(msgs_of("paid with 4111 1111 1111 1111 and 4000123412341234 today\n", WITHLOG_CONFIG => $conf),
    [ 'paid with [card] and [card] today' ], 'a [redact] rule replaces every match');

# A flood of secrets: neither delivered lines nor the summary's sample
# hold one.
my $r = run(cmd => [ 'perl', '-e', 'print STDERR "retry $_ password=hunter$_\n" for 1..200' ],
    preload => 1, env => { WITHLOG_FORMAT => 'json', WITHLOG_REDACT => 'on' });
unlike($r->{stderr}, qr/hunter/, 'no secret reaches the output, summaries and samples included');
like($r->{stderr}, qr/"api":"ratelimit"/, '(the flood was summarized)');

done_testing();
