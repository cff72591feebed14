<?php
/**
 * A persistent object cache on Redis (phpredis) for the test stacks: WordPress's object cache API
 * with values shared by every PHP process of every web node that reaches the same Redis.
 *
 * Test infrastructure of asa2-creators (scripts/lib/nodes.sh copies it to wp-content/ of a test
 * stack); not part of the plugin. It behaves as the widely used Redis drop-ins do:
 *
 * - Keys are "<salt>:<blog>:<group>:<key>" (global groups without the blog), so sites and
 *   blogs sharing one Redis never see each other's entries. The salt is WP_CACHE_KEY_SALT, or
 *   the database name and table prefix.
 * - Every value read or written is also kept in the request's memory (objects as copies); a
 *   miss is never kept, so a value another process stores later is seen on the next read.
 * - wp_cache_add() is one atomic SET NX (with EX when it expires): of many processes adding the
 *   same key at once, exactly one succeeds. wp_cache_replace() is SET XX.
 * - Non-persistent groups stay in the request's memory; wp_cache_flush() empties the Redis
 *   database (FLUSHDB) and the memory; wp_cache_flush_group() deletes a group's keys (SCAN).
 * - When Redis cannot be reached (at connection or in the middle of a request) the cache keeps
 *   working in the request's memory only, so WordPress reads from the database as it does
 *   without a persistent cache, and the site keeps serving pages. The failure is written to the
 *   PHP error log once per request, and a flag row in the options table (set again by every
 *   write made meanwhile) makes the next process that reaches Redis empty it: those writes went
 *   to the database only, and Redis may still hold what they replaced. A long request (a cron
 *   run, a command) tries to reconnect once a second, and empties Redis itself when it wrote
 *   while it was away.
 *
 * Configuration (wp-config.php): WP_REDIS_PATH (unix socket) or WP_REDIS_HOST and WP_REDIS_PORT
 * (default 127.0.0.1:6379), WP_REDIS_DATABASE (default 0), WP_REDIS_TIMEOUT (seconds, default 1),
 * WP_CACHE_KEY_SALT.
 *
 * @package Asa2\Tests\ObjectCache
 */

defined( 'ABSPATH' ) || exit;

// phpcs:disable WordPress.NamingConventions.PrefixAllGlobals -- the object cache API's own names.

/**
 * Creates the cache (wp_start_object_cache() calls it).
 */
function wp_cache_init() {
	$GLOBALS['wp_object_cache'] = new WP_Object_Cache();
}

/**
 * Adds a value unless the key exists (atomic across processes).
 *
 * @param int|string $key    Key.
 * @param mixed      $data   Value.
 * @param string     $group  Group.
 * @param int        $expire Seconds until it expires (0: never).
 * @return bool Whether it was added.
 */
function wp_cache_add( $key, $data, $group = '', $expire = 0 ) {
	return $GLOBALS['wp_object_cache']->add( $key, $data, $group, (int) $expire );
}

/**
 * Adds several values unless their keys exist.
 *
 * @param array  $data   Key => value.
 * @param string $group  Group.
 * @param int    $expire Seconds until they expire (0: never).
 * @return bool[] Key => whether it was added.
 */
function wp_cache_add_multiple( array $data, $group = '', $expire = 0 ) {
	return $GLOBALS['wp_object_cache']->add_multiple( $data, $group, (int) $expire );
}

/**
 * Replaces a value when the key exists.
 *
 * @param int|string $key    Key.
 * @param mixed      $data   Value.
 * @param string     $group  Group.
 * @param int        $expire Seconds until it expires (0: never).
 * @return bool Whether it was replaced.
 */
function wp_cache_replace( $key, $data, $group = '', $expire = 0 ) {
	return $GLOBALS['wp_object_cache']->replace( $key, $data, $group, (int) $expire );
}

/**
 * Stores a value.
 *
 * @param int|string $key    Key.
 * @param mixed      $data   Value.
 * @param string     $group  Group.
 * @param int        $expire Seconds until it expires (0: never).
 * @return bool Whether it was stored.
 */
function wp_cache_set( $key, $data, $group = '', $expire = 0 ) {
	return $GLOBALS['wp_object_cache']->set( $key, $data, $group, (int) $expire );
}

/**
 * Stores several values.
 *
 * @param array  $data   Key => value.
 * @param string $group  Group.
 * @param int    $expire Seconds until they expire (0: never).
 * @return bool[] Key => whether it was stored.
 */
function wp_cache_set_multiple( array $data, $group = '', $expire = 0 ) {
	return $GLOBALS['wp_object_cache']->set_multiple( $data, $group, (int) $expire );
}

/**
 * Reads a value.
 *
 * @param int|string $key   Key.
 * @param string     $group Group.
 * @param bool       $force Ask Redis even when the request's memory has it.
 * @param bool|null  $found Whether it was found.
 * @return mixed The value, false when not found.
 */
function wp_cache_get( $key, $group = '', $force = false, &$found = null ) {
	return $GLOBALS['wp_object_cache']->get( $key, $group, (bool) $force, $found );
}

/**
 * Reads several values.
 *
 * @param array  $keys  Keys.
 * @param string $group Group.
 * @param bool   $force Ask Redis even when the request's memory has them.
 * @return array Key => value (false when not found).
 */
function wp_cache_get_multiple( $keys, $group = '', $force = false ) {
	return $GLOBALS['wp_object_cache']->get_multiple( (array) $keys, $group, (bool) $force );
}

/**
 * Deletes a value.
 *
 * @param int|string $key   Key.
 * @param string     $group Group.
 * @return bool Whether it existed.
 */
function wp_cache_delete( $key, $group = '' ) {
	return $GLOBALS['wp_object_cache']->delete( $key, $group );
}

/**
 * Deletes several values.
 *
 * @param array  $keys  Keys.
 * @param string $group Group.
 * @return bool[] Key => whether it existed.
 */
function wp_cache_delete_multiple( array $keys, $group = '' ) {
	return $GLOBALS['wp_object_cache']->delete_multiple( $keys, $group );
}

/**
 * Adds to a numeric value (it must exist).
 *
 * @param int|string $key    Key.
 * @param int        $offset Amount.
 * @param string     $group  Group.
 * @return int|false The new value, false when the key does not exist.
 */
function wp_cache_incr( $key, $offset = 1, $group = '' ) {
	return $GLOBALS['wp_object_cache']->incr( $key, (int) $offset, $group );
}

/**
 * Subtracts from a numeric value (it must exist; never below 0).
 *
 * @param int|string $key    Key.
 * @param int        $offset Amount.
 * @param string     $group  Group.
 * @return int|false The new value, false when the key does not exist.
 */
function wp_cache_decr( $key, $offset = 1, $group = '' ) {
	return $GLOBALS['wp_object_cache']->incr( $key, -(int) $offset, $group );
}

/**
 * Empties the whole cache (Redis database and the request's memory).
 *
 * @return bool
 */
function wp_cache_flush() {
	return $GLOBALS['wp_object_cache']->flush();
}

/**
 * Empties the request's memory only.
 *
 * @return bool
 */
function wp_cache_flush_runtime() {
	return $GLOBALS['wp_object_cache']->flush_runtime();
}

/**
 * Deletes every value of a group.
 *
 * @param string $group Group.
 * @return bool
 */
function wp_cache_flush_group( $group ) {
	return $GLOBALS['wp_object_cache']->flush_group( $group );
}

/**
 * Which optional features this cache has.
 *
 * @param string $feature add_multiple, set_multiple, get_multiple, delete_multiple, flush_runtime, flush_group.
 * @return bool
 */
function wp_cache_supports( $feature ) {
	return in_array( $feature, array( 'add_multiple', 'set_multiple', 'get_multiple', 'delete_multiple', 'flush_runtime', 'flush_group' ), true );
}

/**
 * Nothing to close (phpredis closes at the end of the request).
 *
 * @return bool
 */
function wp_cache_close() {
	return true;
}

/**
 * Groups shared by every blog of a network.
 *
 * @param string|string[] $groups Groups.
 */
function wp_cache_add_global_groups( $groups ) {
	$GLOBALS['wp_object_cache']->add_global_groups( (array) $groups );
}

/**
 * Groups kept in the request's memory only.
 *
 * @param string|string[] $groups Groups.
 */
function wp_cache_add_non_persistent_groups( $groups ) {
	$GLOBALS['wp_object_cache']->add_non_persistent_groups( (array) $groups );
}

/**
 * The blog whose non-global groups are used from now on.
 *
 * @param int $blog_id Blog ID.
 */
function wp_cache_switch_to_blog( $blog_id ) {
	$GLOBALS['wp_object_cache']->switch_to_blog( (int) $blog_id );
}

/**
 * Deprecated since WordPress 3.5: forgets the request's memory.
 */
function wp_cache_reset() {
	_deprecated_function( __FUNCTION__, '3.5.0', 'wp_cache_switch_to_blog()' );
	$GLOBALS['wp_object_cache']->flush_runtime();
}

/**
 * The cache behind the functions above.
 */
class WP_Object_Cache {

	/** Options row that asks the next process reaching Redis to empty it. */
	public const FAILBACK_FLAG = 'asa2_test_object_cache_failback';

	/** @var Redis|null The connection; null while Redis cannot be reached. */
	private $redis = null;

	/** @var array<string, array<string, mixed>> The request's memory: group => key => value. */
	private $memory = array();

	/** @var array<string, true> */
	private $global_groups = array();

	/** @var array<string, true> */
	private $non_persistent_groups = array();

	/** @var string Key prefix of the current blog's groups. */
	private $blog_prefix = '';

	/** @var string Key prefix of everything this site stores. */
	private $salt;

	/** @var bool Whether this request already reported Redis as unreachable. */
	private $reported = false;

	/** @var float When the connection was last tried (microtime). */
	private $tried = 0.0;

	/** @var bool Whether this request wrote to a persistent group while Redis was away. */
	private $dirty = false;

	/** @var int Reads answered from the request's memory or Redis. */
	public $cache_hits = 0;

	/** @var int Reads that found nothing. */
	public $cache_misses = 0;

	/** @var int Commands sent to Redis. */
	public $redis_calls = 0;

	/** @var array{path?: string, host?: string, port?: int} Where Redis is. */
	private $server;

	/**
	 * Connects to Redis (or notes that it cannot) and empties it after an outage.
	 *
	 * @param array{path?: string, host?: string, port?: int}|null $server Where Redis is, when not
	 *                                                                   where wp-config.php says
	 *                                                                   (the contract test).
	 */
	public function __construct( ?array $server = null ) {
		global $table_prefix;
		$this->server      = $server ?? array(
			'path' => defined( 'WP_REDIS_PATH' ) ? (string) WP_REDIS_PATH : '',
			'host' => defined( 'WP_REDIS_HOST' ) ? (string) WP_REDIS_HOST : '127.0.0.1',
			'port' => defined( 'WP_REDIS_PORT' ) ? (int) WP_REDIS_PORT : 6379,
		);
		$this->salt        = defined( 'WP_CACHE_KEY_SALT' ) && '' !== WP_CACHE_KEY_SALT ? (string) WP_CACHE_KEY_SALT : ( defined( 'DB_NAME' ) ? DB_NAME : '' ) . ':' . $table_prefix;
		$this->blog_prefix = function_exists( 'is_multisite' ) && is_multisite() ? get_current_blog_id() . ':' : '';
		$this->connect();
		if ( null !== $this->redis && $this->failback_pending() ) {
			$this->call( 'flushDB' );
			$this->clear_failback();
		}
	}

	/**
	 * Whether a Redis connection is open (false while the cache works from memory only).
	 *
	 * @return bool
	 */
	public function redis_connected(): bool {
		return null !== $this->redis;
	}

	// -----------------------------------------------------------------------------------------
	// The API

	/**
	 * @see wp_cache_add()
	 */
	public function add( $key, $data, $group = '', int $expire = 0 ): bool {
		if ( function_exists( 'wp_suspend_cache_addition' ) && wp_suspend_cache_addition() ) {
			return false;
		}
		return $this->store_if( false, (string) $key, $data, $this->group( $group ), $expire );
	}

	/**
	 * @see wp_cache_add_multiple()
	 */
	public function add_multiple( array $data, $group = '', int $expire = 0 ): array {
		$out = array();
		foreach ( $data as $key => $value ) {
			$out[ $key ] = $this->add( $key, $value, $group, $expire );
		}
		return $out;
	}

	/**
	 * @see wp_cache_replace()
	 */
	public function replace( $key, $data, $group = '', int $expire = 0 ): bool {
		return $this->store_if( true, (string) $key, $data, $this->group( $group ), $expire );
	}

	/**
	 * Stores a value only when the key exists ($exists) or only when it does not: one atomic
	 * SET XX or SET NX in Redis; in a non-persistent group, or while Redis is away, the
	 * request's memory decides, as without a persistent cache.
	 *
	 * @param bool   $exists Whether the key must exist (replace) or must not (add).
	 * @param string $key    Key.
	 * @param mixed  $data   Value.
	 * @param string $group  Group.
	 * @param int    $expire Seconds until it expires (0: never).
	 * @return bool Whether it was stored.
	 */
	private function store_if( bool $exists, string $key, $data, string $group, int $expire ): bool {
		$stored = null;
		if ( $this->persistent( $group ) ) {
			$condition = $exists ? 'xx' : 'nx';
			$stored    = $this->call( 'set', $this->id( $key, $group ), $this->encode( $data ), $expire > 0 ? array( $condition, 'ex' => $expire ) : array( $condition ) );
		}
		if ( null === $stored ) {
			$stored = $this->in_memory( $key, $group ) === $exists;
		}
		if ( true !== $stored ) {
			return false;
		}
		$this->remember( $key, $group, $data );
		return true;
	}

	/**
	 * @see wp_cache_set()
	 */
	public function set( $key, $data, $group = '', int $expire = 0 ): bool {
		$group = $this->group( $group );
		$key   = (string) $key;
		$this->remember( $key, $group, $data );
		if ( $this->persistent( $group ) ) {
			$id = $this->id( $key, $group );
			if ( $expire > 0 ) {
				$this->call( 'setEx', $id, $expire, $this->encode( $data ) );
			} else {
				$this->call( 'set', $id, $this->encode( $data ) );
			}
		}
		return true;
	}

	/**
	 * @see wp_cache_set_multiple()
	 */
	public function set_multiple( array $data, $group = '', int $expire = 0 ): array {
		$out = array();
		foreach ( $data as $key => $value ) {
			$out[ $key ] = $this->set( $key, $value, $group, $expire );
		}
		return $out;
	}

	/**
	 * @see wp_cache_get()
	 */
	public function get( $key, $group = '', bool $force = false, &$found = null ) {
		$group = $this->group( $group );
		$key   = (string) $key;
		if ( ( ! $force || ! $this->persistent( $group ) ) && $this->in_memory( $key, $group ) ) {
			$found = true;
			++$this->cache_hits;
			return $this->recall( $key, $group );
		}
		if ( ! $this->persistent( $group ) ) {
			$found = false;
			++$this->cache_misses;
			return false;
		}
		$raw = $this->call( 'get', $this->id( $key, $group ) );
		if ( ! is_string( $raw ) ) {
			if ( null === $raw && $this->in_memory( $key, $group ) ) {
				// Redis went away after this request stored the value: its memory still has it.
				$found = true;
				++$this->cache_hits;
				return $this->recall( $key, $group );
			}
			$found = false;
			++$this->cache_misses;
			return false;
		}
		$value = $this->decode( $raw );
		$this->remember( $key, $group, $value );
		$found = true;
		++$this->cache_hits;
		return is_object( $value ) ? clone $value : $value;
	}

	/**
	 * @see wp_cache_get_multiple()
	 */
	public function get_multiple( array $keys, $group = '', bool $force = false ): array {
		$group = $this->group( $group );
		$out   = array();
		$ask   = array();
		foreach ( $keys as $key ) {
			$key = (string) $key;
			if ( ( ! $force || ! $this->persistent( $group ) ) && $this->in_memory( $key, $group ) ) {
				$out[ $key ] = $this->recall( $key, $group );
				++$this->cache_hits;
			} elseif ( ! $this->persistent( $group ) ) {
				$out[ $key ] = false;
				++$this->cache_misses;
			} else {
				$out[ $key ] = false;
				$ask[]       = $key;
			}
		}
		if ( $ask ) {
			$raw = $this->call( 'mGet', array_map( fn( string $key ): string => $this->id( $key, $group ), $ask ) );
			foreach ( $ask as $i => $key ) {
				$value = is_array( $raw ) && isset( $raw[ $i ] ) && is_string( $raw[ $i ] ) ? $this->decode( $raw[ $i ] ) : false;
				if ( is_array( $raw ) && isset( $raw[ $i ] ) && is_string( $raw[ $i ] ) ) {
					$this->remember( $key, $group, $value );
					++$this->cache_hits;
				} else {
					++$this->cache_misses;
				}
				$out[ $key ] = $value;
			}
		}
		$ordered = array();
		foreach ( $keys as $key ) {
			$ordered[ $key ] = $out[ (string) $key ];
		}
		return $ordered;
	}

	/**
	 * @see wp_cache_delete()
	 */
	public function delete( $key, $group = '' ): bool {
		$group  = $this->group( $group );
		$key    = (string) $key;
		$in_mem = $this->in_memory( $key, $group );
		unset( $this->memory[ $this->memory_group( $group ) ][ $key ] );
		if ( ! $this->persistent( $group ) ) {
			return $in_mem;
		}
		$deleted = $this->call( 'del', $this->id( $key, $group ) );
		return null === $deleted ? $in_mem : (int) $deleted > 0;
	}

	/**
	 * @see wp_cache_delete_multiple()
	 */
	public function delete_multiple( array $keys, $group = '' ): array {
		$out = array();
		foreach ( $keys as $key ) {
			$out[ $key ] = $this->delete( $key, $group );
		}
		return $out;
	}

	/**
	 * Adds $offset to a numeric value that exists (never below 0); wp_cache_incr() and
	 * wp_cache_decr(). A value that is not a number counts as 0.
	 *
	 * @param int|string $key    Key.
	 * @param int        $offset Amount (negative to subtract).
	 * @param string     $group  Group.
	 * @return int|false
	 */
	public function incr( $key, int $offset, $group = '' ) {
		$group = $this->group( $group );
		$key   = (string) $key;
		if ( $this->persistent( $group ) && null !== $this->redis ) {
			$id = $this->id( $key, $group );
			// One script, so that concurrent increments never lose one another.
			$value = $this->call(
				'eval',
				"local v = redis.call('GET', KEYS[1])
				if not v then return false end
				local n = tonumber(v)
				if not n or n ~= math.floor(n) then n = 0 end
				n = n + tonumber(ARGV[1])
				if n < 0 then n = 0 end
				local ttl = redis.call('PTTL', KEYS[1])
				if ttl > 0 then redis.call('SET', KEYS[1], n, 'PX', ttl) else redis.call('SET', KEYS[1], n) end
				return n",
				array( $id, (string) $offset ),
				1
			);
			if ( is_int( $value ) ) {
				$this->remember( $key, $group, $value );
				return $value;
			}
			if ( null !== $value ) {
				unset( $this->memory[ $this->memory_group( $group ) ][ $key ] );
				return false;
			}
		}
		if ( ! $this->in_memory( $key, $group ) ) {
			return false;
		}
		$current = $this->recall( $key, $group );
		$value   = max( 0, ( is_numeric( $current ) ? (int) $current : 0 ) + $offset );
		$this->remember( $key, $group, $value );
		return $value;
	}

	/**
	 * @see wp_cache_flush()
	 */
	public function flush(): bool {
		$this->memory = array();
		return false !== $this->call( 'flushDB' );
	}

	/**
	 * @see wp_cache_flush_runtime()
	 */
	public function flush_runtime(): bool {
		$this->memory = array();
		return true;
	}

	/**
	 * @see wp_cache_flush_group()
	 */
	public function flush_group( $group ): bool {
		$group = $this->group( $group );
		unset( $this->memory[ $this->memory_group( $group ) ] );
		if ( ! $this->persistent( $group ) || null === $this->redis ) {
			return true;
		}
		// Every blog's keys of the group: "<salt>:<blog>:<group>:..." and "<salt>:<group>:...".
		$pattern = $this->escape_pattern( $this->salt ) . ':*' . $this->escape_pattern( $group ) . ':*';
		$cursor  = null;
		$prefix  = $this->salt . ':';
		try {
			do {
				$keys = $this->redis->scan( $cursor, $pattern, 500 );
				++$this->redis_calls;
				if ( is_array( $keys ) && $keys ) {
					$keys = array_filter( $keys, fn( string $id ): bool => $this->id_group( substr( $id, strlen( $prefix ) ) ) === $group );
					if ( $keys ) {
						$this->redis->del( array_values( $keys ) );
					}
				}
			} while ( $cursor > 0 );
		} catch ( RedisException $e ) {
			$this->lost( $e );
			return false;
		}
		return true;
	}

	/**
	 * @see wp_cache_add_global_groups()
	 */
	public function add_global_groups( array $groups ): void {
		foreach ( $groups as $group ) {
			$this->global_groups[ (string) $group ] = true;
		}
	}

	/**
	 * @see wp_cache_add_non_persistent_groups()
	 */
	public function add_non_persistent_groups( array $groups ): void {
		foreach ( $groups as $group ) {
			$this->non_persistent_groups[ (string) $group ] = true;
		}
	}

	/**
	 * @see wp_cache_switch_to_blog()
	 */
	public function switch_to_blog( int $blog_id ): void {
		$this->blog_prefix = function_exists( 'is_multisite' ) && is_multisite() ? $blog_id . ':' : '';
	}

	/**
	 * What the debug bar and Query Monitor show.
	 */
	public function stats(): void {
		printf(
			'<p><strong>Redis:</strong> %s<br /><strong>Cache hits:</strong> %d<br /><strong>Cache misses:</strong> %d<br /><strong>Redis commands:</strong> %d</p>',
			null !== $this->redis ? 'connected' : 'not reachable (request memory only)',
			(int) $this->cache_hits,
			(int) $this->cache_misses,
			(int) $this->redis_calls
		);
	}

	// -----------------------------------------------------------------------------------------
	// Keys and values

	/**
	 * The group, 'default' for an empty one.
	 *
	 * @param mixed $group Group as passed.
	 * @return string
	 */
	private function group( $group ): string {
		$group = (string) $group;
		return '' === $group ? 'default' : $group;
	}

	/**
	 * Whether a group's values go to Redis.
	 *
	 * @param string $group Group.
	 * @return bool
	 */
	private function persistent( string $group ): bool {
		return ! isset( $this->non_persistent_groups[ $group ] );
	}

	/**
	 * The Redis key of a value.
	 *
	 * @param string $key   Key.
	 * @param string $group Group.
	 * @return string
	 */
	private function id( string $key, string $group ): string {
		$blog = isset( $this->global_groups[ $group ] ) ? '' : $this->blog_prefix;
		return $this->salt . ':' . $blog . $group . ':' . $key;
	}

	/**
	 * The group of a Redis key without its salt ("3:posts:12" or "users:1").
	 *
	 * @param string $rest Key after "<salt>:".
	 * @return string
	 */
	private function id_group( string $rest ): string {
		$parts = explode( ':', $rest, 3 );
		return ctype_digit( $parts[0] ) && isset( $parts[2] ) ? $parts[1] : $parts[0];
	}

	/**
	 * The request-memory group of a group (per blog, as in Redis).
	 *
	 * @param string $group Group.
	 * @return string
	 */
	private function memory_group( string $group ): string {
		return ( isset( $this->global_groups[ $group ] ) ? '' : $this->blog_prefix ) . $group;
	}

	/**
	 * A glob pattern matching $text literally.
	 *
	 * @param string $text Text.
	 * @return string
	 */
	private function escape_pattern( string $text ): string {
		return (string) preg_replace( '/([\\\\*?\[\]])/', '\\\\$1', $text );
	}

	/**
	 * Whether the request's memory holds a value.
	 *
	 * @param string $key   Key.
	 * @param string $group Group.
	 * @return bool
	 */
	private function in_memory( string $key, string $group ): bool {
		$mg = $this->memory_group( $group );
		return isset( $this->memory[ $mg ] ) && array_key_exists( $key, $this->memory[ $mg ] );
	}

	/**
	 * Keeps a value in the request's memory (objects as copies, as WordPress's own cache does).
	 *
	 * @param string $key   Key.
	 * @param string $group Group.
	 * @param mixed  $value Value.
	 */
	private function remember( string $key, string $group, $value ): void {
		$this->memory[ $this->memory_group( $group ) ][ $key ] = is_object( $value ) ? clone $value : $value;
	}

	/**
	 * A value from the request's memory (objects as copies).
	 *
	 * @param string $key   Key.
	 * @param string $group Group.
	 * @return mixed
	 */
	private function recall( string $key, string $group ) {
		$value = $this->memory[ $this->memory_group( $group ) ][ $key ];
		return is_object( $value ) ? clone $value : $value;
	}

	/**
	 * A value as stored in Redis: integers as digits (so INCRBY works), everything else
	 * serialized.
	 *
	 * @param mixed $value Value.
	 * @return string
	 */
	private function encode( $value ): string {
		return is_int( $value ) ? (string) $value : serialize( $value ); // phpcs:ignore WordPress.PHP.DiscouragedPHPFunctions.serialize_serialize -- values are PHP values.
	}

	/**
	 * A value read from Redis.
	 *
	 * @param string $raw Stored form.
	 * @return mixed
	 */
	private function decode( string $raw ) {
		if ( 1 === preg_match( '/^-?\d+$/', $raw ) ) {
			return (int) $raw;
		}
		return unserialize( $raw ); // phpcs:ignore WordPress.PHP.DiscouragedPHPFunctions.serialize_unserialize -- written by encode().
	}

	// -----------------------------------------------------------------------------------------
	// Redis

	/**
	 * Opens the connection; on failure the cache works from memory.
	 */
	private function connect(): void {
		$this->tried = microtime( true );
		if ( ! class_exists( 'Redis' ) ) {
			$this->report( 'the phpredis extension is not loaded' );
			return;
		}
		$timeout = defined( 'WP_REDIS_TIMEOUT' ) ? (float) WP_REDIS_TIMEOUT : 1.0;
		try {
			$redis = new Redis();
			if ( '' !== (string) ( $this->server['path'] ?? '' ) ) {
				$connected = $redis->connect( (string) $this->server['path'], 0, $timeout );
			} else {
				$connected = $redis->connect( (string) ( $this->server['host'] ?? '127.0.0.1' ), (int) ( $this->server['port'] ?? 6379 ), $timeout );
			}
			if ( ! $connected ) {
				$this->report( 'connecting failed' );
				$this->mark_failback();
				return;
			}
			$redis->setOption( Redis::OPT_READ_TIMEOUT, $timeout );
			if ( defined( 'WP_REDIS_DATABASE' ) && 0 !== (int) WP_REDIS_DATABASE ) {
				$redis->select( (int) WP_REDIS_DATABASE );
			}
			$this->redis = $redis;
		} catch ( RedisException $e ) {
			$this->report( $e->getMessage() );
			$this->mark_failback();
		}
	}

	/**
	 * Sends one command. Null when Redis cannot be reached (the cache then works from memory until
	 * a reconnection succeeds). A connection that broke (Redis restarted) is opened again at once
	 * and the command sent once more.
	 *
	 * @param string $method phpredis method.
	 * @param mixed  ...$args Arguments.
	 * @return mixed
	 */
	private function call( string $method, ...$args ) {
		if ( null !== $this->redis || $this->reconnect() ) {
			try {
				++$this->redis_calls;
				return $this->redis->$method( ...$args );
			} catch ( RedisException $e ) {
				$this->lost( $e );
				$this->tried = 0.0;
				if ( $this->reconnect() ) {
					try {
						++$this->redis_calls;
						return $this->redis->$method( ...$args );
					} catch ( RedisException $e ) {
						$this->lost( $e );
					}
				}
			}
		}
		if ( in_array( $method, array( 'set', 'setEx', 'del', 'eval', 'flushDB' ), true ) ) {
			// A write that only the database got: whoever reaches Redis next must empty it.
			$this->dirty = true;
			$this->mark_failback();
		}
		return null;
	}

	/**
	 * Tries the connection again, at most once a second; empties Redis when this request wrote
	 * while it was away (or another one did and flagged it).
	 *
	 * @return bool Whether Redis is reachable now.
	 */
	private function reconnect(): bool {
		if ( microtime( true ) - $this->tried < 1.0 ) {
			return false;
		}
		$this->connect();
		if ( null === $this->redis ) {
			return false;
		}
		if ( $this->dirty || $this->failback_pending() ) {
			try {
				$this->redis->flushDB();
			} catch ( RedisException $e ) {
				$this->lost( $e );
				return false;
			}
			$this->dirty = false;
			$this->clear_failback();
		}
		return true;
	}

	/**
	 * Redis went away in the middle of the request.
	 *
	 * @param RedisException $e What phpredis reported.
	 */
	private function lost( RedisException $e ): void {
		$this->redis = null;
		$this->report( $e->getMessage() );
		$this->mark_failback();
	}

	/**
	 * Writes the first failure of the request to the PHP error log.
	 *
	 * @param string $why Reason.
	 */
	private function report( string $why ): void {
		if ( $this->reported ) {
			return;
		}
		$this->reported = true;
		error_log( 'object-cache.php: Redis cannot be reached (' . $why . '); this request uses its own memory and the database.' ); // phpcs:ignore WordPress.PHP.DevelopmentFunctions.error_log_error_log -- an operator's message.
	}

	/**
	 * Asks the next process that reaches Redis to empty it.
	 */
	private function mark_failback(): void {
		global $wpdb;
		if ( ! isset( $wpdb ) || ( defined( 'WP_INSTALLING' ) && WP_INSTALLING ) ) {
			return;
		}
		$suppress = $wpdb->suppress_errors( true );
		$wpdb->query( $wpdb->prepare( "INSERT IGNORE INTO {$wpdb->options} (option_name, option_value, autoload) VALUES (%s, '1', 'no')", self::FAILBACK_FLAG ) ); // phpcs:ignore WordPress.DB.DirectDatabaseQuery -- must not go through the cache.
		$wpdb->suppress_errors( $suppress );
	}

	/**
	 * Whether a process found Redis unreachable since it was last emptied.
	 *
	 * @return bool
	 */
	private function failback_pending(): bool {
		global $wpdb;
		if ( ! isset( $wpdb ) || ( defined( 'WP_INSTALLING' ) && WP_INSTALLING ) ) {
			return false;
		}
		$suppress = $wpdb->suppress_errors( true );
		$flag     = $wpdb->get_var( $wpdb->prepare( "SELECT option_value FROM {$wpdb->options} WHERE option_name = %s", self::FAILBACK_FLAG ) ); // phpcs:ignore WordPress.DB.DirectDatabaseQuery -- must not go through the cache.
		$wpdb->suppress_errors( $suppress );
		return null !== $flag;
	}

	/**
	 * Removes the flag once Redis was emptied.
	 */
	private function clear_failback(): void {
		global $wpdb;
		if ( null === $this->redis ) {
			return;
		}
		$wpdb->query( $wpdb->prepare( "DELETE FROM {$wpdb->options} WHERE option_name = %s", self::FAILBACK_FLAG ) ); // phpcs:ignore WordPress.DB.DirectDatabaseQuery -- must not go through the cache.
	}
}
