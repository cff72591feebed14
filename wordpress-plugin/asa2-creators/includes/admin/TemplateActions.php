<?php
/**
 * admin-post.php handlers of Options -> Templates and Options -> Products.
 *
 * @package Asa2\Creators
 */

namespace Asa2\Creators\Admin;

use Asa2\Creators\CoreMessages;
use Asa2\Creators\Storage\ProductSettings;
use Asa2\Creators\Storage\TemplateRepository;
use Asa2\Template;

if ( ! defined( 'ABSPATH' ) ) {
	exit;
}

/**
 * Saves (after Asa2\Template::check), deletes and stars templates; saves the product settings.
 */
final class TemplateActions {

	/** admin-post actions (also the nonce actions). */
	public const SAVE             = 'asa2_save_template';
	public const DELETE           = 'asa2_delete_template';
	public const MAKE_DEFAULT     = 'asa2_default_template';
	public const SAVE_PRODUCT_OPT = 'asa2_save_product_settings';

	/** FormState name of the template editor. */
	public const FORM = 'template';

	/** @var TemplateRepository */
	private TemplateRepository $templates;

	/** @var ProductSettings */
	private ProductSettings $product_settings;

	/** @var FormState */
	private FormState $form_state;

	/** @var Notices */
	private Notices $notices;

	/** @var QuotaForm */
	private QuotaForm $quota_form;

	/**
	 * @param TemplateRepository $templates        Templates.
	 * @param ProductSettings    $product_settings Product settings.
	 * @param FormState          $form_state       Input and errors kept for the form.
	 * @param Notices            $notices          Notices for the next screen.
	 * @param QuotaForm          $quota_form       The requests per second and per day per credential.
	 */
	public function __construct( TemplateRepository $templates, ProductSettings $product_settings, FormState $form_state, Notices $notices, QuotaForm $quota_form ) {
		$this->quota_form       = $quota_form;
		$this->templates        = $templates;
		$this->product_settings = $product_settings;
		$this->form_state       = $form_state;
		$this->notices          = $notices;
	}

	/**
	 * Adds or updates a template.
	 *
	 * @param array $request Unslashed POST data: asa2[name|id|source|default], original.
	 * @return string Redirect URL.
	 * @throws AccessDenied Without capability or valid nonce.
	 */
	public function save( array $request ): string {
		RequestGuard::check( self::SAVE, $request );
		$fields   = RequestGuard::group( $request );
		$original = sanitize_key( RequestGuard::text( $request['original'] ?? '' ) );
		$name     = trim( sanitize_text_field( RequestGuard::text( $fields['name'] ?? '' ) ) );
		$source   = str_replace( "\r\n", "\n", RequestGuard::text( $fields['source'] ?? '' ) );
		$id       = '' !== $original ? $original : sanitize_title( $name );
		$errors   = array();
		if ( '' === $name ) {
			$errors['name'][] = __( 'Enter a name for the template.', 'asa2-creators' );
		}
		if ( '' === $id && '' !== $name ) {
			$errors['name'][] = __( 'Use letters or digits in the name.', 'asa2-creators' );
		}
		if ( '' === $original && '' !== $id && null !== $this->templates->get( $id ) ) {
			$errors['name'][] = __( 'A template with this name exists already. Pick another name or edit that template.', 'asa2-creators' );
		}
		if ( '' === trim( $source ) ) {
			$errors['source'][] = __( 'Enter the template; the placeholder reference below lists what you can use.', 'asa2-creators' );
		} else {
			try {
				Template::check( $source );
			} catch ( \Asa2\ValidationException $e ) {
				foreach ( CoreMessages::errors( $e ) as $messages ) {
					foreach ( $messages as $message ) {
						$errors['source'][] = $message;
					}
				}
			}
		}
		$back = OptionsScreen::url( array( 'tab' => TemplatesTab::TAB, 'edit' => '' !== $original ? $original : 'new' ) );
		if ( $errors ) {
			$this->form_state->keep(
				self::FORM,
				array(
					'name'   => $name,
					'source' => $source,
				),
				$errors
			);
			return $back;
		}
		$this->templates->put( $id, $name, $source );
		if ( ! empty( $fields['default'] ) ) {
			$this->templates->make_default( $id );
		}
		$this->notices->add(
			'success',
			sprintf(
				/* translators: 1: template name, 2: shortcode attribute */
				__( 'Template "%1$s" saved. Use it with %2$s.', 'asa2-creators' ),
				$name,
				'template="' . $id . '"'
			)
		);
		return OptionsScreen::url( array( 'tab' => TemplatesTab::TAB ) );
	}

	/**
	 * Deletes a template (the built-in one goes back to its original).
	 *
	 * @param array $request Unslashed POST data: id.
	 * @return string Redirect URL.
	 * @throws AccessDenied Without capability or valid nonce.
	 */
	public function delete( array $request ): string {
		RequestGuard::check( self::DELETE, $request );
		$id = sanitize_key( RequestGuard::text( $request['id'] ?? '' ) );
		$this->templates->delete( $id );
		$this->notices->add( 'success', TemplateRepository::BUILT_IN === $id ? __( 'The default template was restored.', 'asa2-creators' ) : __( 'Template deleted.', 'asa2-creators' ) );
		return OptionsScreen::url( array( 'tab' => TemplatesTab::TAB ) );
	}

	/**
	 * Makes a template the default.
	 *
	 * @param array $request Unslashed POST data: id.
	 * @return string Redirect URL.
	 * @throws AccessDenied Without capability or valid nonce.
	 */
	public function make_default( array $request ): string {
		RequestGuard::check( self::MAKE_DEFAULT, $request );
		$id = sanitize_key( RequestGuard::text( $request['id'] ?? '' ) );
		if ( null !== $this->templates->get( $id ) ) {
			$this->templates->make_default( $id );
			$this->notices->add( 'success', __( 'Default template changed.', 'asa2-creators' ) );
		}
		return OptionsScreen::url( array( 'tab' => TemplatesTab::TAB ) );
	}

	/**
	 * Saves the refresh interval, the shop logo choice and the request quota of each credential;
	 * nothing when a field is out of range.
	 *
	 * @param array $request Unslashed POST data: asa2[ttl_hours|localized_logos], asa2[quota][key][rps|rpd].
	 * @return string Redirect URL.
	 * @throws AccessDenied Without capability or valid nonce.
	 */
	public function save_product_settings( array $request ): string {
		RequestGuard::check( self::SAVE_PRODUCT_OPT, $request );
		$fields = RequestGuard::group( $request );
		$ttl    = (int) RequestGuard::text( $fields['ttl_hours'] ?? '24' );
		$quota  = $this->quota_form->read( $fields['quota'] ?? array() );
		$back   = OptionsScreen::url( array( 'tab' => ProductsSettingsTab::TAB ) );
		$errors = $quota['errors'];
		if ( $ttl < ProductSettings::MIN_TTL_HOURS || $ttl > ProductSettings::MAX_TTL_HOURS ) {
			array_unshift(
				$errors,
				sprintf(
					/* translators: 1: minimum hours, 2: maximum hours */
					__( 'Refresh products every: enter between %1$d and %2$d hours.', 'asa2-creators' ),
					ProductSettings::MIN_TTL_HOURS,
					ProductSettings::MAX_TTL_HOURS
				)
			);
		}
		if ( $errors ) {
			$this->notices->add( 'error', implode( ' ', $errors ) . ' ' . __( 'Nothing was changed.', 'asa2-creators' ) );
			return $back;
		}
		$this->product_settings->save(
			array(
				'ttl_hours'           => $ttl,
				'requests_per_second' => $this->product_settings->get()['requests_per_second'],
				'localized_logos'     => ! empty( $fields['localized_logos'] ),
			)
		);
		$this->quota_form->save( $quota['settings'] );
		$this->notices->add( 'success', __( 'Product settings saved.', 'asa2-creators' ) );
		return $back;
	}
}
