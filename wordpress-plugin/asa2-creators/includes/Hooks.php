<?php
/**
 * Every WordPress hook the plugin uses, in one place.
 *
 * @package Asa2\Creators
 */

namespace Asa2\Creators;

use Asa2\Creators\Admin\AccessDenied;
use Asa2\Creators\Admin\Assets;
use Asa2\Creators\Admin\CountriesTab;
use Asa2\Creators\Admin\GeoActions;
use Asa2\Creators\Admin\IdSetActions;
use Asa2\Creators\Admin\LoggingActions;
use Asa2\Creators\Admin\MarketplaceActions;
use Asa2\Creators\Admin\OptionsScreen;
use Asa2\Creators\Admin\PaApiActions;
use Asa2\Creators\Admin\SetupScreen;
use Asa2\Creators\Health\SiteHealthInfo;
use Asa2\Creators\Admin\ProductActions;
use Asa2\Creators\Admin\ProductsListTable;
use Asa2\Creators\Admin\ProductsScreen;
use Asa2\Creators\Admin\ProductsSettingsTab;
use Asa2\Creators\Admin\TemplateActions;
use Asa2\Creators\Admin\TemplatesTab;
use Asa2\Creators\Cron\RefreshScheduler;
use Asa2\Creators\Render\Shortcode;

if ( ! defined( 'ABSPATH' ) ) {
	exit;
}

/**
 * Registers the hooks; each callback is named for its hook and hands over to the class that
 * does the work.
 */
final class Hooks {

	/** Daily WP-Cron event that deletes old log rows. */
	public const CRON_LOG_CLEANUP = 'asa2_log_cleanup';

	/** @var Plugin */
	private Plugin $plugin;

	/**
	 * @param Plugin $plugin The plugin.
	 */
	public function __construct( Plugin $plugin ) {
		$this->plugin = $plugin;
	}

	/**
	 * Adds every action and filter.
	 */
	public function register(): void {
		register_activation_hook( $this->plugin->paths()->file(), array( $this, 'activate' ) );
		register_deactivation_hook( $this->plugin->paths()->file(), array( $this, 'deactivate' ) );

		add_action( 'init', array( $this, 'action_init' ) );
		// Before do_blocks (priority 9) and do_shortcode (11): boxes leave placeholders; after the
		// last content filter: every box of the content is rendered with one query and put in.
		add_filter( 'the_content', array( $this, 'filter_the_content' ), 8 );
		add_filter( 'the_content', array( $this, 'filter_the_content_boxes' ), PHP_INT_MAX );
		add_action( 'admin_menu', array( $this, 'action_admin_menu' ) );
		add_action( 'admin_enqueue_scripts', array( $this, 'action_admin_enqueue_scripts' ) );
		add_action( 'admin_notices', array( $this, 'action_admin_notices' ) );
		add_action( self::CRON_LOG_CLEANUP, array( $this, 'action_asa2_log_cleanup' ) );
		add_filter( 'site_status_tests', array( $this, 'filter_site_status_tests' ) );
		add_filter( 'debug_information', array( $this, 'filter_debug_information' ) );
		add_filter( 'script_loader_tag', array( $this, 'filter_script_loader_tag' ), 10, 2 );
		add_action( 'rest_api_init', array( $this, 'action_rest_api_init' ) );
		add_action( 'enqueue_block_editor_assets', array( $this, 'action_enqueue_block_editor_assets' ) );
		// Before the footer scripts (priority 20): the data the link script reads.
		add_action( 'wp_footer', array( $this, 'action_wp_footer' ), 5 );

		// Products: menu page, Options tabs, background refresh, call tracking.
		add_action( 'asa2/admin_menu', array( $this, 'action_asa2_admin_menu' ) );
		add_filter( 'asa2/options_tabs', array( $this, 'filter_asa2_options_tabs' ) );
		add_action( 'asa2/options_tab_' . TemplatesTab::TAB, array( $this, 'action_asa2_options_tab_templates' ) );
		add_action( 'asa2/options_tab_' . ProductsSettingsTab::TAB, array( $this, 'action_asa2_options_tab_products' ) );
		add_action( 'asa2/options_tab_' . CountriesTab::TAB, array( $this, 'action_asa2_options_tab_countries' ) );
		add_action( RefreshScheduler::HOOK, array( $this, 'action_asa2_refresh_products' ) );
		add_action( RefreshScheduler::HOOK_SOON, array( $this, 'action_asa2_refresh_products' ) );
		add_action( RefreshScheduler::HOOK_CONTINUE, array( $this, 'action_asa2_refresh_products' ) );
		add_action( 'asa2/remote_call', array( $this, 'action_asa2_remote_call' ) );
		add_action( 'asa2/products_shown', array( $this, 'action_asa2_products_shown' ), 10, 2 );
		add_filter( 'set_screen_option_' . ProductsListTable::PER_PAGE_OPTION, array( $this, 'filter_set_screen_option_products_per_page' ), 10, 3 );

		foreach ( array_keys( $this->admin_post_actions() ) as $action ) {
			add_action( 'admin_post_' . $action, array( $this, 'action_admin_post' ) );
		}
	}

	/**
	 * Every admin-post.php form of the plugin (admin_post_asa2_*): runs the handler of the
	 * current action.
	 */
	public function action_admin_post(): void {
		$action   = substr( (string) current_action(), strlen( 'admin_post_' ) );
		$handlers = $this->admin_post_actions();
		if ( isset( $handlers[ $action ] ) ) {
			$this->dispatch( $handlers[ $action ] );
		}
	}

	/**
	 * The admin-post.php actions and the handlers behind them.
	 *
	 * @return array<string, callable(array): string> action => handler returning the redirect URL.
	 */
	public function admin_post_actions(): array {
		$marketplaces = $this->plugin->marketplace_actions();
		$paapi        = $this->plugin->paapi_actions();
		$id_sets      = $this->plugin->id_set_actions();
		$logging      = $this->plugin->logging_actions();
		$products     = $this->plugin->product_actions();
		$templates    = $this->plugin->template_actions();
		$geo          = $this->plugin->geo_actions();
		return array(
			MarketplaceActions::SAVE          => array( $marketplaces, 'save' ),
			MarketplaceActions::DELETE        => array( $marketplaces, 'delete' ),
			MarketplaceActions::TOGGLE        => array( $marketplaces, 'toggle' ),
			MarketplaceActions::MAKE_DEFAULT  => array( $marketplaces, 'make_default' ),
			MarketplaceActions::TEST          => array( $marketplaces, 'test' ),
			MarketplaceActions::SWITCH        => array( $marketplaces, 'switch_to_lwa' ),
			PaApiActions::SAVE                => array( $paapi, 'save' ),
			IdSetActions::SAVE                => array( $id_sets, 'save' ),
			IdSetActions::DELETE              => array( $id_sets, 'delete' ),
			LoggingActions::SAVE              => array( $logging, 'save' ),
			LoggingActions::CLEAR             => array( $logging, 'clear' ),
			ProductActions::ADD               => array( $products, 'add' ),
			TemplateActions::SAVE             => array( $templates, 'save' ),
			TemplateActions::DELETE           => array( $templates, 'delete' ),
			TemplateActions::MAKE_DEFAULT     => array( $templates, 'make_default' ),
			TemplateActions::SAVE_PRODUCT_OPT => array( $templates, 'save_product_settings' ),
			GeoActions::SAVE                  => array( $geo, 'save' ),
		);
	}

	/**
	 * Runs one form handler (admin-post.php, and the products table form): refusals end with a
	 * 403 page, everything else with a redirect back to a screen (post/redirect/get).
	 *
	 * @param callable $handler Handler taking the unslashed POST data.
	 */
	private function dispatch( callable $handler ): void {
		try {
			// Nonce and capability are checked inside every handler (AccessDenied below).
			// phpcs:ignore WordPress.Security.NonceVerification.Missing -- verified by the handler.
			$url = $handler( wp_unslash( $_POST ) );
		} catch ( AccessDenied $e ) {
			wp_die( esc_html( $e->getMessage() ), esc_html__( 'Not allowed', 'asa2-creators' ), array( 'response' => 403, 'back_link' => true ) );
		}
		wp_safe_redirect( $url );
		exit;
	}

	/**
	 * Activation: log table and the daily cleanup event.
	 */
	public function activate(): void {
		$this->plugin->log_table()->install();
		if ( ! wp_next_scheduled( self::CRON_LOG_CLEANUP ) ) {
			wp_schedule_event( Clock::now() + HOUR_IN_SECONDS, 'daily', self::CRON_LOG_CLEANUP );
		}
		$this->plugin->products()->install();
		RefreshScheduler::schedule();
	}

	/**
	 * Deactivation: stops the cleanup event (data stays until uninstall).
	 */
	public function deactivate(): void {
		wp_clear_scheduled_hook( self::CRON_LOG_CLEANUP );
		RefreshScheduler::unschedule();
	}

	/**
	 * Translations, and the log table / cron event after an update that skipped activation.
	 */
	public function action_init(): void {
		load_plugin_textdomain( 'asa2-creators', false, dirname( plugin_basename( $this->plugin->paths()->file() ) ) . '/languages' );
		if ( is_admin() && ! $this->plugin->log_table()->is_current() ) {
			$this->activate();
		}
		if ( ! $this->plugin->products()->is_current() ) {
			$this->plugin->products()->install();
			RefreshScheduler::schedule();
		}
		// phpcs:ignore WordPress.Security.NonceVerification.Recommended -- only which screen this is.
		$page = isset( $_GET['page'] ) ? sanitize_key( wp_unslash( $_GET['page'] ) ) : '';
		if ( wp_doing_cron() || ( is_admin() && 0 === strpos( $page, 'asa2-' ) ) ) {
			$this->plugin->web_nodes()->record();
		}
		add_shortcode( Shortcode::TAG, array( $this->plugin->shortcode(), 'render' ) );
		$this->plugin->block()->register();
	}

	/**
	 * The REST routes: the product search of the block editor, the visitor's country.
	 */
	public function action_rest_api_init(): void {
		$this->plugin->product_search_route()->register();
		$this->plugin->country_route()->register();
	}

	/**
	 * The data the script localizing product links reads, on pages with such boxes.
	 */
	public function action_wp_footer(): void {
		$this->plugin->box_localizer()->print_config();
	}

	/**
	 * The block editor: the choices of the ASA2 Product block's settings.
	 */
	public function action_enqueue_block_editor_assets(): void {
		$this->plugin->block()->add_editor_choices();
	}

	/**
	 * A the_content run starts: its product boxes wait until its filters are done.
	 *
	 * @param string $content Post content.
	 * @return string The content, unchanged.
	 */
	public function filter_the_content( $content ) {
		$this->plugin->renderer()->begin_content();
		return $content;
	}

	/**
	 * Puts the content's [asa2] boxes in, after every other content filter.
	 *
	 * @param string $content Filtered post content.
	 * @return string The content with its boxes.
	 */
	public function filter_the_content_boxes( $content ) {
		return $this->plugin->renderer()->end_content( $content );
	}

	/**
	 * ASA2 -> Products, between Setup and Options; its table form is handled before output.
	 *
	 * @param string $parent_slug Slug of the ASA2 menu.
	 */
	public function action_asa2_admin_menu( string $parent_slug ): void {
		$hook = add_submenu_page( $parent_slug, __( 'ASA2 Products', 'asa2-creators' ), __( 'Products', 'asa2-creators' ), Plugin::CAPABILITY, ProductsScreen::SLUG, array( $this->plugin->products_screen(), 'render' ) );
		if ( is_string( $hook ) ) {
			add_action( 'load-' . $hook, array( $this, 'action_load_asa2_products' ) );
		}
	}

	/**
	 * Before ASA2 -> Products is printed: runs the bulk and row actions of its table.
	 */
	public function action_load_asa2_products(): void {
		add_screen_option(
			'per_page',
			array(
				'label'   => __( 'Products per page', 'asa2-creators' ),
				'default' => 20,
				'option'  => ProductsListTable::PER_PAGE_OPTION,
			)
		);
		if ( ProductsScreen::table_posted() ) {
			$this->dispatch( array( $this->plugin->product_actions(), 'bulk' ) );
		}
	}

	/**
	 * Saves the products per page of ASA2 -> Products (Screen Options), 1 to
	 * ProductsListTable::MAX_PER_PAGE.
	 *
	 * @param mixed  $keep   What WordPress would save (false: nothing).
	 * @param string $option Option name.
	 * @param mixed  $value  Submitted value.
	 * @return int
	 */
	public function filter_set_screen_option_products_per_page( $keep, $option, $value ): int {
		return ProductsListTable::per_page( $value );
	}

	/**
	 * The Products and Templates tabs of ASA2 -> Options.
	 *
	 * @param array $tabs id => label.
	 * @return array
	 */
	public function filter_asa2_options_tabs( $tabs ): array {
		$tabs                              = (array) $tabs;
		$tabs[ ProductsSettingsTab::TAB ] = __( 'Products', 'asa2-creators' );
		$tabs[ TemplatesTab::TAB ]        = __( 'Templates', 'asa2-creators' );
		$tabs[ CountriesTab::TAB ]        = __( 'Countries', 'asa2-creators' );
		return $tabs;
	}

	/**
	 * Prints Options -> Templates.
	 */
	public function action_asa2_options_tab_templates(): void {
		$this->plugin->templates_tab()->render();
	}

	/**
	 * Prints Options -> Countries.
	 */
	public function action_asa2_options_tab_countries(): void {
		$this->plugin->countries_tab()->render();
	}

	/**
	 * Prints Options -> Products.
	 */
	public function action_asa2_options_tab_products(): void {
		$this->plugin->products_settings_tab()->render();
	}

	/**
	 * WP-Cron (hourly, after a page queued a product, and the follow-ups of a run that left
	 * products due): refreshes due products for as long as the run's time budget allows.
	 */
	public function action_asa2_refresh_products(): void {
		// Products of the stores chosen under "Also load products for" join the due ones first.
		$this->plugin->other_stores()->queue_missing( Clock::now() );
		$this->plugin->refresh_scheduler()->run();
	}

	/**
	 * Keeps the last token and API call per marketplace for Site Health.
	 *
	 * @param array $row Redacted log row.
	 */
	public function action_asa2_remote_call( $row ): void {
		$this->plugin->call_tracker()->record( (array) $row );
	}

	/**
	 * Product boxes read their products (the background refresh takes shown products first).
	 *
	 * @param mixed $rows ProductTable::box_rows().
	 * @param mixed $now  Current time.
	 */
	public function action_asa2_products_shown( $rows, $now ): void {
		$this->plugin->shown_marks()->note( (array) $rows, (int) $now );
	}

	/**
	 * The ASA2 menu: Setup and Options.
	 */
	public function action_admin_menu(): void {
		$setup   = $this->plugin->setup_screen();
		$options = $this->plugin->options_screen();
		add_menu_page(
			__( 'ASA2 Setup', 'asa2-creators' ),
			__( 'ASA2', 'asa2-creators' ),
			Plugin::CAPABILITY,
			SetupScreen::SLUG,
			array( $setup, 'render' ),
			'dashicons-amazon',
			58
		);
		add_submenu_page( SetupScreen::SLUG, __( 'ASA2 Setup', 'asa2-creators' ), __( 'Setup', 'asa2-creators' ), Plugin::CAPABILITY, SetupScreen::SLUG, array( $setup, 'render' ) );

		/**
		 * Fires after the ASA2 Setup page is added, so other parts of ASA2 can add their pages
		 * between Setup and Options.
		 *
		 * @param string $parent_slug Slug of the ASA2 menu.
		 */
		do_action( 'asa2/admin_menu', SetupScreen::SLUG );

		add_submenu_page( SetupScreen::SLUG, __( 'ASA2 Options', 'asa2-creators' ), __( 'Options', 'asa2-creators' ), Plugin::CAPABILITY, OptionsScreen::SLUG, array( $options, 'render' ) );
	}

	/**
	 * Styles and the small form script on the ASA2 screens only.
	 *
	 * @param string $hook_suffix Current admin page.
	 */
	public function action_admin_enqueue_scripts( string $hook_suffix ): void {
		$this->plugin->assets()->enqueue( $hook_suffix );
	}

	/**
	 * The live checks of the setup forms load as an ES module.
	 *
	 * @param string $tag    Script tag.
	 * @param string $handle Script handle.
	 * @return string
	 */
	public function filter_script_loader_tag( $tag, $handle ): string {
		return Assets::module_tag( (string) $tag, (string) $handle );
	}

	/**
	 * Notices left by the last form submission.
	 */
	public function action_admin_notices(): void {
		if ( current_user_can( Plugin::CAPABILITY ) ) {
			$this->plugin->notices()->render();
			$this->plugin->product_health()->render_not_eligible_notice();
		}
	}

	/**
	 * Deletes log rows older than the retention period.
	 */
	public function action_asa2_log_cleanup(): void {
		$days = $this->plugin->logging()->get()['retention_days'];
		$this->plugin->log_table()->delete_older_than( Clock::now() - $days * DAY_IN_SECONDS );
	}

	/**
	 * The plugin's Site Health tests.
	 *
	 * @param array $tests Tests by type.
	 * @return array
	 */
	public function filter_site_status_tests( $tests ): array {
		$tests = $this->plugin->site_health()->register( (array) $tests );
		$tests['direct']['asa2_web_nodes'] = array(
			'label' => __( 'ASA2 web servers', 'asa2-creators' ),
			'test'  => array( $this->plugin->web_nodes(), 'test' ),
		);
		return $this->plugin->product_health()->register( $tests );
	}

	/**
	 * The plugin's section in Site Health -> Info.
	 *
	 * @param array $info Sections by key.
	 * @return array
	 */
	public function filter_debug_information( $info ): array {
		return ( new SiteHealthInfo() )->add_section( (array) $info );
	}
}
