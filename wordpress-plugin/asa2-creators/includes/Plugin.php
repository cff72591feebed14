<?php
/**
 * The plugin object: builds and wires every service, each on first use.
 *
 * @package Asa2\Creators
 */

namespace Asa2\Creators;

use Asa2\Creators\Admin\Assets;
use Asa2\Creators\Admin\CreatorsTab;
use Asa2\Creators\Admin\CountriesTab;
use Asa2\Creators\Admin\FormState;
use Asa2\Creators\Admin\GeoActions;
use Asa2\Creators\Admin\IdSetActions;
use Asa2\Creators\Admin\IdSetsTab;
use Asa2\Creators\Admin\LoggingActions;
use Asa2\Creators\Admin\MarketplaceActions;
use Asa2\Creators\Admin\Notices;
use Asa2\Creators\Admin\OptionsScreen;
use Asa2\Creators\Admin\PaApiActions;
use Asa2\Creators\Admin\PaApiMove;
use Asa2\Creators\Admin\PaApiTab;
use Asa2\Creators\Admin\ProductActions;
use Asa2\Creators\Admin\ProductsScreen;
use Asa2\Creators\Admin\ProductsSettingsTab;
use Asa2\Creators\Admin\QuotaForm;
use Asa2\Creators\Admin\SetupScreen;
use Asa2\Creators\Admin\TemplateActions;
use Asa2\Creators\Admin\TemplatesTab;
use Asa2\Creators\Api\CallLog;
use Asa2\Creators\Api\ConnectionTester;
use Asa2\Creators\Api\CreatorsClient;
use Asa2\Creators\Api\HttpClient;
use Asa2\Creators\Api\LoggedRequests;
use Asa2\Creators\Api\PaApiClient;
use Asa2\Creators\Api\TokenProvider;
use Asa2\Creators\Cron\QuotaPlan;
use Asa2\Creators\Cron\RefreshCapacity;
use Asa2\Creators\Cron\RefreshScheduler;
use Asa2\Creators\Geo\BoxLocalizer;
use Asa2\Creators\Geo\OtherStores;
use Asa2\Creators\Geo\VisitorCountry;
use Asa2\Creators\Health\ProductHealth;
use Asa2\Creators\Health\SiteHealth;
use Asa2\Creators\Health\WebNodes;
use Asa2\Creators\Products\ApiRouter;
use Asa2\Creators\Products\BulkRefresh;
use Asa2\Creators\Products\CallTracker;
use Asa2\Creators\Products\PaApiRetirement;
use Asa2\Creators\Products\ProductService;
use Asa2\Creators\Products\QuotaLedger;
use Asa2\Creators\Products\RateLimiter;
use Asa2\Creators\Products\RetryingCaller;
use Asa2\Creators\Products\ShownMarks;
use Asa2\Creators\Render\Block;
use Asa2\Creators\Render\BlockChoices;
use Asa2\Creators\Render\BoxLooks;
use Asa2\Creators\Render\ProductRenderer;
use Asa2\Creators\Render\Shortcode;
use Asa2\Creators\Rest\CountryRoute;
use Asa2\Creators\Rest\ProductSearchRoute;
use Asa2\Creators\Storage\GeoSettings;
use Asa2\Creators\Storage\IdSetRepository;
use Asa2\Creators\Storage\KeyMaterial;
use Asa2\Creators\Storage\LoggingSettings;
use Asa2\Creators\Storage\LogTable;
use Asa2\Creators\Storage\MarketplaceRepository;
use Asa2\Creators\Storage\OptionMemo;
use Asa2\Creators\Storage\PaApiRepository;
use Asa2\Creators\Storage\ProductSettings;
use Asa2\Creators\Storage\QuotaSettings;
use Asa2\Creators\Storage\ProductTable;
use Asa2\Creators\Storage\SecretStore;
use Asa2\Creators\Storage\TemplateRepository;

if ( ! defined( 'ABSPATH' ) ) {
	exit;
}

/**
 * Entry point called once by the main plugin file. Every service is built here, on first use,
 * with what it needs passed to its constructor.
 */
final class Plugin {

	/** Plugin version (matches the header). */
	public const VERSION = '0.1.0';

	/** Capability needed for every screen and every change. */
	public const CAPABILITY = 'manage_options';

	/** @var Plugin|null */
	private static ?Plugin $instance = null;

	/** @var PluginPaths Files of the plugin. */
	private PluginPaths $paths;

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
		$this->paths = new PluginPaths( $file );
	}

	/**
	 * Paths and URLs of the plugin's files.
	 *
	 * @return PluginPaths
	 */
	public function paths(): PluginPaths {
		return $this->paths;
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

	// Storage.

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

	/** @return ProductTable */
	public function products(): ProductTable {
		return $this->service( 'products', static fn() => new ProductTable() );
	}

	/** @return ProductSettings */
	public function product_settings(): ProductSettings {
		return $this->service( 'product_settings', static fn() => new ProductSettings() );
	}

	/** @return TemplateRepository */
	public function templates(): TemplateRepository {
		return $this->service( 'templates', static fn() => new TemplateRepository() );
	}

	// Calls to Amazon.

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

	/** @return PaApiClient */
	public function paapi_client(): PaApiClient {
		return $this->service( 'paapi_client', fn() => new PaApiClient( $this->logged_requests() ) );
	}

	/** @return ConnectionTester */
	public function tester(): ConnectionTester {
		return $this->service( 'tester', fn() => new ConnectionTester( $this->marketplaces(), $this->secrets(), $this->tokens(), $this->creators(), $this->quota_ledger() ) );
	}

	// Products.

	/** @return ApiRouter */
	public function product_router(): ApiRouter {
		return $this->service( 'product_router', fn() => new ApiRouter( $this->marketplaces(), $this->paapi(), $this->secrets() ) );
	}

	/** @return RetryingCaller */
	public function retrying_caller(): RetryingCaller {
		return $this->service( 'retrying_caller', fn() => new RetryingCaller( $this->quota_settings(), $this->quota_ledger(), new RateLimiter(), $this->creators(), $this->paapi_client() ) );
	}

	/** @return QuotaSettings */
	public function quota_settings(): QuotaSettings {
		return $this->service( 'quota_settings', fn() => new QuotaSettings( $this->product_settings() ) );
	}

	/** @return QuotaLedger */
	public function quota_ledger(): QuotaLedger {
		return $this->service( 'quota_ledger', static fn() => new QuotaLedger() );
	}

	/** @return ProductService */
	public function product_service(): ProductService {
		return $this->service( 'product_service', fn() => new ProductService( $this->products(), $this->product_router(), $this->retrying_caller(), $this->paapi_retirement() ) );
	}

	/** @return PaApiRetirement */
	public function paapi_retirement(): PaApiRetirement {
		return $this->service( 'paapi_retirement', fn() => new PaApiRetirement( $this->marketplaces() ) );
	}

	/** @return AfterResponse */
	public function after_response(): AfterResponse {
		return $this->service( 'after_response', fn() => new AfterResponse() );
	}

	/** @return ShownMarks */
	public function shown_marks(): ShownMarks {
		return $this->service( 'shown_marks', fn() => new ShownMarks( $this->products(), $this->after_response() ) );
	}

	/** @return CallTracker */
	public function call_tracker(): CallTracker {
		return $this->service( 'call_tracker', static fn() => new CallTracker() );
	}

	/** @return RefreshCapacity */
	public function refresh_capacity(): RefreshCapacity {
		return $this->service( 'refresh_capacity', fn() => new RefreshCapacity( $this->product_settings(), $this->product_router(), $this->products(), $this->quota_plan() ) );
	}

	/** @return QuotaForm */
	public function quota_form(): QuotaForm {
		return $this->service( 'quota_form', fn() => new QuotaForm( $this->quota_plan(), $this->quota_settings() ) );
	}

	/** @return QuotaPlan */
	public function quota_plan(): QuotaPlan {
		return $this->service( 'quota_plan', fn() => new QuotaPlan( $this->quota_settings(), $this->quota_ledger(), $this->product_router() ) );
	}

	/** @return RefreshScheduler */
	public function refresh_scheduler(): RefreshScheduler {
		return $this->service( 'refresh_scheduler', fn() => new RefreshScheduler( $this->product_settings(), $this->products(), $this->product_service(), $this->quota_plan() ) );
	}

	// Product boxes.

	/** @return BoxLooks */
	public function box_looks(): BoxLooks {
		return $this->service( 'box_looks', fn() => new BoxLooks( $this->memo(), $this->templates(), $this->id_sets(), $this->product_settings(), $this->paths ) );
	}

	/** @return ProductRenderer */
	public function renderer(): ProductRenderer {
		return $this->service( 'renderer', fn() => new ProductRenderer( $this->product_service(), $this->products(), $this->box_looks(), $this->paths, $this->box_localizer(), $this->after_response() ) );
	}

	// Visitors from other countries.

	/** @return GeoSettings */
	public function geo_settings(): GeoSettings {
		return $this->service( 'geo_settings', static fn() => new GeoSettings() );
	}

	/** @return OtherStores */
	public function other_stores(): OtherStores {
		return $this->service( 'other_stores', fn() => new OtherStores( $this->geo_settings(), $this->marketplaces(), $this->products() ) );
	}

	/** @return BoxLocalizer */
	public function box_localizer(): BoxLocalizer {
		return $this->service( 'box_localizer', fn() => new BoxLocalizer( $this->memo(), $this->geo_settings(), $this->id_sets(), $this->marketplaces(), $this->other_stores(), $this->paths ) );
	}

	/** @return CountryRoute */
	public function country_route(): CountryRoute {
		return $this->service( 'country_route', fn() => new CountryRoute( new VisitorCountry( $this->geo_settings() ) ) );
	}

	/** @return CountriesTab */
	public function countries_tab(): CountriesTab {
		return $this->service( 'countries_tab', fn() => new CountriesTab( $this->geo_settings(), $this->other_stores() ) );
	}

	/** @return GeoActions */
	public function geo_actions(): GeoActions {
		return $this->service( 'geo_actions', fn() => new GeoActions( $this->geo_settings(), $this->other_stores(), $this->notices() ) );
	}

	/** @return Shortcode */
	public function shortcode(): Shortcode {
		return $this->service( 'shortcode', fn() => new Shortcode( $this->renderer() ) );
	}

	/** @return BlockChoices */
	public function block_choices(): BlockChoices {
		return $this->service( 'block_choices', fn() => new BlockChoices( $this->product_router(), $this->templates(), $this->id_sets() ) );
	}

	/** @return Block */
	public function block(): Block {
		return $this->service( 'block', fn() => new Block( $this->renderer(), $this->paths, $this->block_choices() ) );
	}

	/** @return ProductSearchRoute */
	public function product_search_route(): ProductSearchRoute {
		return $this->service( 'product_search_route', fn() => new ProductSearchRoute( $this->products() ) );
	}

	// Admin screens and their forms.

	/** @return Notices */
	public function notices(): Notices {
		return $this->service( 'notices', static fn() => new Notices() );
	}

	/** @return FormState */
	public function form_state(): FormState {
		return $this->service( 'form_state', static fn() => new FormState() );
	}

	/** @return Assets */
	public function assets(): Assets {
		return $this->service( 'assets', fn() => new Assets( $this->paths ) );
	}

	/** @return CreatorsTab */
	public function creators_tab(): CreatorsTab {
		return $this->service( 'creators_tab', fn() => new CreatorsTab( $this->marketplaces(), $this->secrets(), $this->form_state(), $this->paapi_move() ) );
	}

	/** @return PaApiTab */
	public function paapi_tab(): PaApiTab {
		return $this->service( 'paapi_tab', fn() => new PaApiTab( $this->paapi(), $this->marketplaces(), $this->form_state(), $this->paapi_move() ) );
	}

	/** @return PaApiMove */
	public function paapi_move(): PaApiMove {
		return $this->service( 'paapi_move', fn() => new PaApiMove( $this->paapi(), $this->marketplaces(), $this->products(), $this->paapi_retirement() ) );
	}

	/** @return IdSetsTab */
	public function id_sets_tab(): IdSetsTab {
		return $this->service( 'id_sets_tab', fn() => new IdSetsTab( $this->id_sets(), $this->form_state() ) );
	}

	/** @return SetupScreen */
	public function setup_screen(): SetupScreen {
		return $this->service( 'setup_screen', fn() => new SetupScreen( $this->creators_tab(), $this->paapi_tab(), $this->id_sets_tab() ) );
	}

	/** @return OptionsScreen */
	public function options_screen(): OptionsScreen {
		return $this->service( 'options_screen', fn() => new OptionsScreen( $this->logging(), $this->log_table() ) );
	}

	/** @return ProductsSettingsTab */
	public function products_settings_tab(): ProductsSettingsTab {
		return $this->service( 'products_settings_tab', fn() => new ProductsSettingsTab( $this->product_settings(), $this->refresh_capacity(), $this->quota_form() ) );
	}

	/** @return TemplatesTab */
	public function templates_tab(): TemplatesTab {
		return $this->service( 'templates_tab', fn() => new TemplatesTab( $this->templates(), $this->products(), $this->form_state(), $this->paths ) );
	}

	/** @return ProductsScreen */
	public function products_screen(): ProductsScreen {
		return $this->service( 'products_screen', fn() => new ProductsScreen( $this->products(), $this->product_service(), $this->product_router(), $this->refresh_capacity(), $this->bulk_refresh(), $this->paapi_retirement() ) );
	}

	/** @return MarketplaceActions */
	public function marketplace_actions(): MarketplaceActions {
		return $this->service( 'marketplace_actions', fn() => new MarketplaceActions( $this->marketplaces(), $this->secrets(), $this->tokens(), $this->tester(), $this->notices(), $this->form_state() ) );
	}

	/** @return PaApiActions */
	public function paapi_actions(): PaApiActions {
		return $this->service( 'paapi_actions', fn() => new PaApiActions( $this->paapi(), $this->secrets(), $this->form_state(), $this->notices() ) );
	}

	/** @return IdSetActions */
	public function id_set_actions(): IdSetActions {
		return $this->service( 'id_set_actions', fn() => new IdSetActions( $this->id_sets(), $this->form_state(), $this->notices() ) );
	}

	/** @return LoggingActions */
	public function logging_actions(): LoggingActions {
		return $this->service( 'logging_actions', fn() => new LoggingActions( $this->logging(), $this->log_table(), $this->notices() ) );
	}

	/** @return ProductActions */
	public function product_actions(): ProductActions {
		return $this->service( 'product_actions', fn() => new ProductActions( $this->product_service(), $this->products(), $this->bulk_refresh(), $this->notices() ) );
	}

	/** @return BulkRefresh */
	public function bulk_refresh(): BulkRefresh {
		return $this->service( 'bulk_refresh', fn() => new BulkRefresh( $this->products() ) );
	}

	/** @return TemplateActions */
	public function template_actions(): TemplateActions {
		return $this->service( 'template_actions', fn() => new TemplateActions( $this->templates(), $this->product_settings(), $this->form_state(), $this->notices(), $this->quota_form() ) );
	}

	// Site Health.

	/** @return SiteHealth */
	public function site_health(): SiteHealth {
		return $this->service( 'site_health', fn() => new SiteHealth( $this->key_material(), $this->marketplaces(), $this->paapi(), $this->secrets(), $this->paapi_move() ) );
	}

	/** @return ProductHealth */
	public function product_health(): ProductHealth {
		return $this->service( 'product_health', fn() => new ProductHealth( $this->call_tracker(), $this->product_service(), $this->refresh_capacity() ) );
	}

	/** @return WebNodes */
	public function web_nodes(): WebNodes {
		return $this->service( 'web_nodes', fn() => new WebNodes( $this->key_material() ) );
	}
}
