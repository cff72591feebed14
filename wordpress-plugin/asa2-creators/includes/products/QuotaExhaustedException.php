<?php
/**
 * A credential's requests for the day are used up.
 *
 * @package Asa2\Creators
 */

namespace Asa2\Creators\Products;

if ( ! defined( 'ABSPATH' ) ) {
	exit;
}

/**
 * The background refresh reached a credential's requests per day (QuotaSettings, or less after
 * Amazon's quota answer): its products wait for the next UTC day without an error recorded.
 */
final class QuotaExhaustedException extends \RuntimeException {

	/** @var string */
	private string $credential;

	/**
	 * @param string $credential ApiRouter::credential().
	 * @param string $message    Message for the site owner.
	 */
	public function __construct( string $credential, string $message ) {
		parent::__construct( $message );
		$this->credential = $credential;
	}

	/**
	 * The credential whose quota is used up.
	 *
	 * @return string
	 */
	public function credential(): string {
		return $this->credential;
	}
}
