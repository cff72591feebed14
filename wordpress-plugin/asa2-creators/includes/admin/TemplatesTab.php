<?php
/**
 * ASA2 -> Options, tab Templates.
 *
 * @package Asa2\Creators
 */

namespace Asa2\Creators\Admin;

use Asa2\Creators\Clock;
use Asa2\Creators\Plugin;
use Asa2\Creators\PluginPaths;
use Asa2\Creators\Storage\ProductTable;
use Asa2\Creators\Storage\TemplateRepository;
use Asa2\Creators\CoreMessages;
use Asa2\Template;

if ( ! defined( 'ABSPATH' ) ) {
	exit;
}

/**
 * Named product templates with `{{ Placeholder }}` syntax, the default one, an editor checked
 * with Asa2\Template::check (errors name the line), and the placeholder reference with the API
 * that fills each placeholder.
 */
final class TemplatesTab {

	/** Tab id. */
	public const TAB = 'templates';

	/** @var TemplateRepository */
	private TemplateRepository $templates;

	/** @var ProductTable */
	private ProductTable $products;

	/** @var FormState */
	private FormState $form_state;

	/** @var PluginPaths */
	private PluginPaths $paths;

	/**
	 * @param TemplateRepository $templates  Templates.
	 * @param ProductTable       $products   Stored products.
	 * @param FormState          $form_state Input and errors kept for the form.
	 * @param PluginPaths        $paths      Files of the plugin.
	 */
	public function __construct( TemplateRepository $templates, ProductTable $products, FormState $form_state, PluginPaths $paths ) {
		$this->templates  = $templates;
		$this->products   = $products;
		$this->form_state = $form_state;
		$this->paths      = $paths;
	}

	/**
	 * Prints the tab.
	 */
	public function render(): void {
		// phpcs:ignore WordPress.Security.NonceVerification.Recommended -- read-only navigation.
		$edit = isset( $_GET['edit'] ) ? sanitize_key( wp_unslash( $_GET['edit'] ) ) : '';
		if ( '' !== $edit ) {
			$this->render_editor( $edit );
		} else {
			$this->render_list();
		}
		$this->render_reference();
	}

	/**
	 * The templates.
	 */
	private function render_list(): void {
		$templates = $this->templates;
		$default   = $templates->default_id();
		echo '<p class="asa2-intro">' . esc_html__( 'Templates decide how product boxes look. Pick one per box with the shortcode attribute template="…"; boxes without it use the default template. Values are HTML-escaped automatically.', 'asa2-creators' ) . '</p>';
		echo '<p><a class="button" href="' . esc_url( OptionsScreen::url( array( 'tab' => self::TAB, 'edit' => 'new' ) ) ) . '">' . esc_html__( '+ Add Template', 'asa2-creators' ) . '</a></p>';
		echo '<table class="widefat striped asa2-table asa2-templates-table"><thead><tr><th>' . esc_html__( 'Template', 'asa2-creators' ) . '</th><th>' . esc_html__( 'Shortcode Attribute', 'asa2-creators' ) . '</th><th class="column-is_default">' . esc_html__( 'Default', 'asa2-creators' ) . '</th><th>' . esc_html__( 'Actions', 'asa2-creators' ) . '</th></tr></thead><tbody>';
		foreach ( $templates->all() as $id => $template ) {
			$is_default = $id === $default;
			echo '<tr><td><strong><a href="' . esc_url( OptionsScreen::url( array( 'tab' => self::TAB, 'edit' => $id ) ) ) . '">' . esc_html( $template['name'] ) . '</a></strong></td>';
			echo '<td><code>template="' . esc_html( $id ) . '"</code></td>';
			echo '<td class="column-is_default">' . ( $is_default ? '<span class="dashicons dashicons-star-filled asa2-star" aria-label="' . esc_attr__( 'Default', 'asa2-creators' ) . '"></span>' : '' ) . '</td><td><div class="asa2-actions">';
			echo '<a class="button button-small" href="' . esc_url( OptionsScreen::url( array( 'tab' => self::TAB, 'edit' => $id ) ) ) . '">' . esc_html__( 'Edit', 'asa2-creators' ) . '</a>';
			if ( ! $is_default ) {
				echo '<form method="post" action="' . esc_url( admin_url( 'admin-post.php' ) ) . '" class="asa2-inline-form">';
				RequestGuard::fields( TemplateActions::MAKE_DEFAULT );
				echo '<input type="hidden" name="id" value="' . esc_attr( $id ) . '" /><button type="submit" class="button button-small">' . esc_html__( 'Set as Default', 'asa2-creators' ) . '</button></form>';
			}
			echo '<form method="post" action="' . esc_url( admin_url( 'admin-post.php' ) ) . '" class="asa2-inline-form" data-asa2-confirm="' . esc_attr( TemplateRepository::BUILT_IN === $id ? __( 'Restore the original default template?', 'asa2-creators' ) : __( 'Delete this template? Boxes using it fall back to the default template.', 'asa2-creators' ) ) . '">';
			RequestGuard::fields( TemplateActions::DELETE );
			echo '<input type="hidden" name="id" value="' . esc_attr( $id ) . '" /><button type="submit" class="button button-small button-link-delete">' . esc_html( TemplateRepository::BUILT_IN === $id ? __( 'Restore Original', 'asa2-creators' ) : __( 'Delete', 'asa2-creators' ) ) . '</button></form>';
			echo '</div></td></tr>';
		}
		echo '</tbody></table>';
	}

	/**
	 * The editor, with a preview on a stored product.
	 *
	 * @param string $id Template id or "new".
	 */
	private function render_editor( string $id ): void {
		$existing = 'new' === $id ? null : $this->templates->get( $id );
		$state    = $this->form_state->take( TemplateActions::FORM );
		$errors   = $state['errors'] ?? array();
		$name     = (string) ( $state['input']['name'] ?? ( $existing['name'] ?? '' ) );
		$source   = (string) ( $state['input']['source'] ?? ( $existing['source'] ?? Template::defaultTemplate() ) );
		$is_new   = null === $existing;

		echo '<h2>' . esc_html( $is_new ? __( 'Add Template', 'asa2-creators' ) : __( 'Edit Template', 'asa2-creators' ) ) . '</h2>';
		if ( $errors ) {
			echo '<div class="notice notice-error inline asa2-form-errors" role="alert"><p>' . esc_html__( 'The template was not saved. Please correct the fields marked below.', 'asa2-creators' ) . '</p></div>';
		}
		echo '<form method="post" action="' . esc_url( admin_url( 'admin-post.php' ) ) . '" class="asa2-form" id="asa2-template-form">';
		RequestGuard::fields( TemplateActions::SAVE );
		echo '<input type="hidden" name="original" value="' . esc_attr( $is_new ? '' : $id ) . '" />';
		echo '<table class="form-table" role="presentation"><tbody>';
		echo '<tr class="' . ( isset( $errors['name'] ) ? 'form-invalid' : '' ) . '"><th scope="row"><label for="asa2-template-name">' . esc_html__( 'Name', 'asa2-creators' ) . '</label></th><td><input type="text" class="regular-text" name="asa2[name]" id="asa2-template-name" value="' . esc_attr( $name ) . '" />';
		if ( ! $is_new ) {
			echo '<p class="description">' . esc_html__( 'Shortcode attribute:', 'asa2-creators' ) . ' <code>template="' . esc_html( $id ) . '"</code></p>';
		}
		$this->errors( 'name', $errors );
		echo '</td></tr>';
		echo '<tr class="' . ( isset( $errors['source'] ) ? 'form-invalid' : '' ) . '"><th scope="row"><label for="asa2-template-source">' . esc_html__( 'Template', 'asa2-creators' ) . '</label></th><td><textarea class="large-text code asa2-template-source" rows="16" wrap="off" name="asa2[source]" id="asa2-template-source" spellcheck="false">' . esc_textarea( $source ) . '</textarea>';
		$this->errors( 'source', $errors );
		echo '</td></tr>';
		$is_default = ! $is_new && $this->templates->default_id() === $id;
		echo '<tr><th scope="row">' . esc_html__( 'Default', 'asa2-creators' ) . '</th><td><label><input type="checkbox" name="asa2[default]" value="1"' . checked( $is_default, true, false ) . ' /> ' . esc_html__( 'Use this template for boxes without a template attribute', 'asa2-creators' ) . '</label></td></tr>';
		echo '</tbody></table>';
		submit_button( __( 'Save Template', 'asa2-creators' ), 'primary', 'submit', false );
		echo ' <a class="button" href="' . esc_url( OptionsScreen::url( array( 'tab' => self::TAB ) ) ) . '">' . esc_html__( 'Cancel', 'asa2-creators' ) . '</a>';
		echo '</form>';

		if ( ! $errors ) {
			$sample = $this->products->page( 1, 1 );
			if ( $sample && null !== $sample[0]['item'] ) {
				try {
					$html = Template::render( $source, $sample[0]['item'], Clock::now(), null, $this->paths->url( 'assets/logos/' ) );
					wp_enqueue_style( \Asa2\Creators\Render\ProductRenderer::STYLE, $this->paths->url( 'assets/product-box.css' ), array(), Plugin::VERSION );
					echo '<h3>' . esc_html__( 'Preview', 'asa2-creators' ) . '</h3><div class="asa2-template-preview asa2-product">' . $html . '</div>'; // phpcs:ignore WordPress.Security.EscapeOutput.OutputNotEscaped -- rendered by Asa2\Template with HTML auto-escaping.
				} catch ( \Asa2\Exception $e ) {
					echo '<p class="asa2-field-error">' . esc_html( CoreMessages::exception( $e ) ) . '</p>';
				}
			}
		}
	}

	/**
	 * The placeholder reference (Asa2\Template::placeholders()).
	 */
	private function render_reference(): void {
		echo '<h2 class="asa2-section-title" id="asa2-placeholders">' . esc_html__( 'Placeholder Reference', 'asa2-creators' ) . '</h2>';
		echo '<p class="asa2-intro">' . esc_html__( 'Write a placeholder as {{ Name }}. Conditions and loops work too: {% if Price %}…{% endif %}, {% for f in Features %}…{% endfor %}. Some placeholders are filled only by the Creators API and stay empty for products served by PA-API 5.0; ASA2 placeholders whose data Amazon no longer provides render empty. Templates cannot call WordPress functions.', 'asa2-creators' ) . '</p>';
		echo '<table class="widefat striped asa2-table asa2-placeholders-table"><thead><tr><th>' . esc_html__( 'Placeholder', 'asa2-creators' ) . '</th><th>' . esc_html__( 'Description', 'asa2-creators' ) . '</th><th>' . esc_html__( 'Filled By', 'asa2-creators' ) . '</th></tr></thead><tbody>';
		foreach ( Template::placeholders() as $placeholder ) {
			echo '<tr><td><code>{{ ' . esc_html( $placeholder['name'] ) . ' }}</code></td><td>' . esc_html( CoreMessages::placeholder_description( $placeholder ) ) . '</td><td>' . $this->filled_by( $placeholder['filled_by'] ) . '</td></tr>'; // phpcs:ignore WordPress.Security.EscapeOutput.OutputNotEscaped -- filled_by() escapes.
		}
		echo '</tbody></table>';
	}

	/**
	 * The "Filled By" cell of a placeholder, escaped.
	 *
	 * @param string $filled_by "both", "creators" or "none".
	 */
	private function filled_by( string $filled_by ): string {
		if ( 'creators' === $filled_by ) {
			return '<span class="asa2-badge asa2-badge-recommended">' . esc_html__( 'Creators API only', 'asa2-creators' ) . '</span>';
		}
		if ( 'none' === $filled_by ) {
			return esc_html__( 'No longer provided by Amazon (renders empty)', 'asa2-creators' );
		}
		return esc_html__( 'Creators API and PA-API 5.0', 'asa2-creators' );
	}

	/**
	 * Field error messages.
	 *
	 * @param string $field  Field.
	 * @param array  $errors Errors.
	 */
	private function errors( string $field, array $errors ): void {
		foreach ( (array) ( $errors[ $field ] ?? array() ) as $message ) {
			echo '<p class="asa2-field-error" data-field="' . esc_attr( $field ) . '">' . esc_html( $message ) . '</p>';
		}
	}
}
