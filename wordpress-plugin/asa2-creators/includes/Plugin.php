<?php
/**
 * The plugin object: paths and the services, built on first use.
 *
 * @package Asa2\Creators
 */

namespace Asa2\Creators;

use Asa2\Creators\Admin\FormState;
use Asa2\Creators\Admin\Notices;
use Asa2\Creators\Api\ConnectionTester;
use Asa2\Creators\Api\CreatorsClient;
use Asa2\Creators\Api\CallLog;
use Asa2\Creators\Api\HttpClient;
use Asa2\Creators\Api\LoggedRequests;
use Asa2\Creators\Api\TokenProvider;
use Asa2\Creators\Storage\IdSetRepository;
use Asa2\Creators\Storage\KeyMaterial;
use Asa2\Creators\Storage\LoggingSettings;
use Asa2\Creators\Storage\LogTable;
use Asa2\Creators\Storage\MarketplaceRepository;
use Asa2\Creators\Storage\OptionMemo;
use Asa2\Creators\Storage\PaApiRepository;
use Asa2\Creators\Storage\SecretStore;

if ( ! defined( 'ABSPATH' ) ) {
	exit;
}

/**
 * Entry point called once by the main plugin file.
 */
final class Plugin {

	/** Plugin version (matches the header). */
	public const VERSION = '0.1.0';

	/** Capability needed for every screen and every change. */
	public const CAPABILITY = 'manage_options';

	/** @var Plugin|null */
	private static ?Plugin $instance = null;

	/** @var string Main plugin file. */
	public string $file;

	/** @var array<string, object> Services by name. */
	private array $services = array();

	/**
	 * Boots the plugin once.
	 *
	 * @param string $file Main plugin file (__FILE__ of asa2-creators.php).
	 * @return Plugin
	 */
	public static function init( string $file ): Plugin {
		if ( null === self::$instance ) {
			self::$instance = new self( $file );
			( new Hooks( self::$instance ) )->register();
		}
		return self::$instance;
	}

	/**
	 * The booted plugin.
	 *
	 * @return Plugin
	 */
	public static function instance(): Plugin {
		if ( null === self::$instance ) {
			throw new \LogicException( 'Asa2\\Creators\\Plugin::init() has not run.' );
		}
		return self::$instance;
	}

	/**
	 * @param string $file Main plugin file.
	 */
	private function __construct( string $file ) {
		$this->file = $file;
	}

	/**
	 * URL of a file inside the plugin.
	 *
	 * @param string $path Relative path, e.g. "assets/admin.css".
	 * @return string
	 */
	public function url( string $path ): string {
		return plugins_url( $path, $this->file );
	}

	/**
	 * Absolute path of a file inside the plugin.
	 *
	 * @param string $path Relative path.
	 * @return string
	 */
	public function path( string $path ): string {
		return dirname( $this->file ) . '/' . ltrim( $path, '/' );
	}

	/**
	 * A service, built on first use.
	 *
	 * @param string   $name    Service name.
	 * @param callable $factory Builds it.
	 * @return object
	 */
	private function service( string $name, callable $factory ): object {
		if ( ! isset( $this->services[ $name ] ) ) {
			$this->services[ $name ] = $factory();
		}
		return $this->services[ $name ];
	}

	/** @return KeyMaterial */
	public function key_material(): KeyMaterial {
		return $this->service( 'key_material', static fn() => new KeyMaterial() );
	}

	/** @return SecretStore */
	public function secrets(): SecretStore {
		return $this->service( 'secrets', fn() => new SecretStore( $this->key_material() ) );
	}

	/** @return OptionMemo */
	public function memo(): OptionMemo {
		return $this->service( 'memo', static fn() => new OptionMemo() );
	}

	/** @return MarketplaceRepository */
	public function marketplaces(): MarketplaceRepository {
		return $this->service( 'marketplaces', fn() => new MarketplaceRepository( $this->memo() ) );
	}

	/** @return PaApiRepository */
	public function paapi(): PaApiRepository {
		return $this->service( 'paapi', static fn() => new PaApiRepository() );
	}

	/** @return IdSetRepository */
	public function id_sets(): IdSetRepository {
		return $this->service( 'id_sets', static fn() => new IdSetRepository() );
	}

	/** @return LoggingSettings */
	public function logging(): LoggingSettings {
		return $this->service( 'logging', static fn() => new LoggingSettings() );
	}

	/** @return LogTable */
	public function log_table(): LogTable {
		return $this->service( 'log_table', static fn() => new LogTable() );
	}

	/** @return CallLog */
	public function call_log(): CallLog {
		return $this->service( 'call_log', fn() => new CallLog( $this->logging(), $this->log_table() ) );
	}

	/** @return HttpClient */
	public function http(): HttpClient {
		return $this->service( 'http', static fn() => new HttpClient() );
	}

	/** @return LoggedRequests */
	public function logged_requests(): LoggedRequests {
		return $this->service( 'logged_requests', fn() => new LoggedRequests( $this->http(), $this->call_log() ) );
	}

	/** @return TokenProvider */
	public function tokens(): TokenProvider {
		return $this->service( 'tokens', fn() => new TokenProvider( $this->logged_requests(), $this->secrets() ) );
	}

	/** @return CreatorsClient */
	public function creators(): CreatorsClient {
		return $this->service( 'creators', fn() => new CreatorsClient( $this->logged_requests(), $this->tokens() ) );
	}

	/** @return ConnectionTester */
	public function tester(): ConnectionTester {
		return $this->service( 'tester', fn() => new ConnectionTester( $this->marketplaces(), $this->secrets(), $this->tokens(), $this->creators() ) );
	}

	/** @return Notices */
	public function notices(): Notices {
		return $this->service( 'notices', static fn() => new Notices() );
	}

	/** @return FormState */
	public function form_state(): FormState {
		return $this->service( 'form_state', static fn() => new FormState() );
	}

	/** @return \Asa2\Creators\Storage\ProductTable */
	public function products(): Storage\ProductTable {
		return $this->service( 'products', static fn() => new Storage\ProductTable() );
	}

	/** @return \Asa2\Creators\Storage\ProductSettings */
	public function product_settings(): Storage\ProductSettings {
		return $this->service( 'product_settings', static fn() => new Storage\ProductSettings() );
	}

	/** @return \Asa2\Creators\Storage\TemplateRepository */
	public function templates(): Storage\TemplateRepository {
		return $this->service( 'templates', static fn() => new Storage\TemplateRepository() );
	}

	/** @return \Asa2\Creators\Api\PaApiClient */
	public function paapi_client(): Api\PaApiClient {
		return $this->service( 'paapi_client', fn() => new Api\PaApiClient( $this->logged_requests() ) );
	}

	/** @return \Asa2\Creators\Products\ApiRouter */
	public function product_router(): Products\ApiRouter {
		return $this->service( 'product_router', fn() => new Products\ApiRouter( $this ) );
	}

	/** @return \Asa2\Creators\Products\ProductService */
	public function product_service(): Products\ProductService {
		return $this->service( 'product_service', fn() => new Products\ProductService( $this, $this->product_router(), new Products\RateLimiter() ) );
	}

	/** @return \Asa2\Creators\Products\CallTracker */
	public function call_tracker(): Products\CallTracker {
		return $this->service( 'call_tracker', static fn() => new Products\CallTracker() );
	}

	/** @return \Asa2\Creators\Render\ProductRenderer */
	public function renderer(): Render\ProductRenderer {
		return $this->service( 'renderer', fn() => new Render\ProductRenderer( $this ) );
	}
}
