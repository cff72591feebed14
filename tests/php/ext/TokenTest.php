<?php
/** Asa2\Token: token requests, answers, renewal, cache keys. */

declare(strict_types=1);

namespace Asa2\Tests;

use Asa2\ApiException;
use Asa2\AuthException;
use Asa2\MarketplaceConfig;
use Asa2\ThrottledException;
use Asa2\Token;

final class TokenTest extends Asa2TestCase
{
    /** @return array<string, mixed> */
    private static function config(array $override = []): array
    {
        return MarketplaceConfig::validate(MarketplaceConfigTest::form($override))['config'];
    }

    public function testRequestPerKindAndRegion(): void
    {
        $lwa = Token::request(self::config());
        self::assertSame(['method', 'url', 'headers', 'body'], array_keys($lwa));
        self::assertSame('POST', $lwa['method']);
        self::assertSame('https://api.amazon.co.uk/auth/o2/token', $lwa['url']);
        self::assertSame('application/json', $lwa['headers']['Content-Type']);
        self::assertSame('client_credentials', json_decode($lwa['body'], true)['grant_type']);
        self::assertArrayNotHasKey('Authorization', $lwa['headers']);

        $cognito = Token::request(self::config([
            'kind' => 'cognito', 'marketplace' => 'US', 'partner_tag' => 'mysite-20',
            'credential_id' => '4j5k6l7m8n9o0p1q2r3s4t5u6v', 'credential_secret' => 'abcdefghijklmnop0123',
        ]));
        self::assertSame('application/x-www-form-urlencoded', $cognito['headers']['Content-Type']);
        self::assertStringContainsString('grant_type=client_credentials', $cognito['body']);
        self::assertNotSame($lwa['url'], $cognito['url']);
    }

    public function testRequestToTheSandbox(): void
    {
        $r = Token::request(self::config(), 'http://127.0.0.1:8765/');
        self::assertSame('http://127.0.0.1:8765/api.amazon.co.uk/auth/o2/token', $r['url']);
        self::assertSame(Token::request(self::config()), Token::request(self::config(), null));
        self::validationErrors(static fn () => Token::request(self::config(), 'ftp://x'), ['api_base']);
        self::validationErrors(static fn () => Token::request(['marketplace' => 'DE']), ['kind', 'credential_id', 'credential_secret', 'partner_tag']);
    }

    public function testParseSuccess(): void
    {
        $t = Token::parse(self::config(), 200, ['content-type' => 'application/json'], '{"access_token":"Atza|abc","token_type":"bearer","expires_in":3600}', 1_700_000_000);
        self::assertSame(['access_token' => 'Atza|abc', 'token_type' => 'bearer', 'expires_at' => 1_700_003_600], $t);
    }

    public function testParseRefusals(): void
    {
        $config = self::config(['kind' => 'cognito']);
        $e = self::thrown(AuthException::class, static fn () => Token::parse($config, 400, [], '{"error":"invalid_client"}', 1));
        self::assertSame('invalid_client', $e->getErrorCode());
        self::assertSame(400, $e->getHttpStatus());
        self::assertSame('credential_id', $e->getField());
        self::assertNull($e->getRetryKind());
        self::assertIsString($e->getHint());
        self::assertStringContainsString('LWA (v3)', $e->getHint());
        self::assertSame('token.invalid_client', $e->getMessageCode());
        self::assertSame(['code' => 'token.hint.maybe_lwa', 'params' => [], 'message' => $e->getHint()], $e->getHintDetails());
        self::assertSame($e->getHintDetails(), $e->getMessageParams()['hint']);
        self::assertSame('', $e->getMessageParams()['amazon_said'], 'Amazon sent no words of its own');

        $e = self::thrown(AuthException::class, static fn () => Token::parse($config, 400, [], '{"error":"invalid_client","error_description":"Bad client"}', 1));
        self::assertSame('amazon.said_quoted', $e->getMessageParams()['amazon_said']['code']);
        self::assertSame(['message' => 'Bad client'], $e->getMessageParams()['amazon_said']['params'], "Amazon's words are a parameter");
        self::assertStringContainsString('"Bad client"', $e->getMessage());

        $e = self::thrown(ThrottledException::class, static fn () => Token::parse($config, 429, ['Retry-After' => '12'], '', 1));
        self::assertSame(12, $e->getRetryAfter());
        self::assertSame('throttled', $e->getRetryKind());
        self::assertSame(429, $e->getHttpStatus());
        self::assertSame('token.throttled', $e->getMessageCode());
        self::assertSame([], $e->getMessageParams());

        $e = self::thrown(ApiException::class, static fn () => Token::parse($config, 503, [], 'down', 1));
        self::assertSame('server', $e->getRetryKind());
        self::thrown(ApiException::class, static fn () => Token::parse($config, 200, [], 'not json', 1));
        self::validationErrors(static fn () => Token::parse($config, 1000, [], '', 1), ['status']);
        self::validationErrors(static fn () => Token::parse($config, 200, [], '', -1), ['now']);
    }

    public function testNeedsRefreshAndCacheKey(): void
    {
        self::assertFalse(Token::needsRefresh(10_000, 1_000));
        self::assertTrue(Token::needsRefresh(10_000, 9_990));
        self::assertTrue(Token::needsRefresh(10_000, 20_000));
        $key = Token::cacheKey(self::config());
        self::assertMatchesRegularExpression('/^asa2_tok_[0-9a-f]{32}$/', $key);
        self::assertSame($key, Token::cacheKey(self::config(['credential_secret' => 'amzn1.oa2-cs.v1.other'])));
        self::assertNotSame($key, Token::cacheKey(self::config(['kind' => 'cognito'])));
        self::assertStringNotContainsString('0123456789abcdef', $key);
    }
}
