/**
 * ASA2 setup screens: live API version, credential type recognition, confirmations.
 * Plain JavaScript, no build step. The server validates everything again; this is only help
 * while typing.
 */
( function () {
	'use strict';

	var i18n = window.asa2Admin || {};

	// Prefixes of LWA (v3) credentials (UI hint only; Asa2\Credentials::detect decides on save).
	var LWA_ID_PREFIXES = [ 'amzn1.application-oa2-client.', 'amzn1.application-oa2-v1.' ];
	var LWA_SECRET_PREFIX = 'amzn1.oa2-cs.v1.';

	function looksLwa( id, secret ) {
		id = ( id || '' ).trim();
		secret = ( secret || '' ).trim();
		return LWA_ID_PREFIXES.some( function ( p ) { return id.indexOf( p ) === 0; } ) || secret.indexOf( LWA_SECRET_PREFIX ) === 0;
	}

	function initMarketplaceForm( form ) {
		var select = form.querySelector( '#asa2-marketplace' );
		var output = form.querySelector( '#asa2-api-version' );
		var idInput = form.querySelector( '#asa2-credential_id' );
		var secretInput = form.querySelector( '#asa2-credential_secret' );
		var note = form.querySelector( '#asa2-kind-detected' );
		var linkWrap = form.querySelector( '.asa2-associates-link' );
		var link = form.querySelector( '#asa2-associates-url' );
		var kindChosenByUser = false;

		function kind() {
			var checked = form.querySelector( 'input[name="asa2[kind]"]:checked' );
			return checked ? checked.value : '';
		}

		function updateVersion() {
			var option = select.options[ select.selectedIndex ];
			var version = option && option.value ? option.getAttribute( 'data-version-' + kind() ) : '';
			output.textContent = version || output.getAttribute( 'data-empty' ) || i18n.selectFirst || '';
			output.classList.toggle( 'asa2-version-empty', ! version );
			if ( link && linkWrap ) {
				var url = option && option.value ? option.getAttribute( 'data-associates-url' ) : '';
				linkWrap.hidden = ! url;
				if ( url ) {
					link.href = url;
					link.textContent = url;
				}
			}
		}

		function updateDetection() {
			if ( ! note ) {
				return;
			}
			var lwa = looksLwa( idInput && idInput.value, secretInput && secretInput.value );
			if ( lwa && kind() === 'cognito' && ! kindChosenByUser ) {
				var radio = form.querySelector( '#asa2-kind-lwa' );
				if ( radio ) {
					radio.checked = true;
					note.textContent = i18n.detectedLwa || '';
					note.className = 'asa2-kind-detected asa2-kind-detected-info';
					note.hidden = false;
					updateVersion();
					return;
				}
			}
			if ( lwa && kind() === 'cognito' ) {
				note.textContent = i18n.mismatchCognito || '';
				note.className = 'asa2-kind-detected asa2-kind-detected-warning';
				note.hidden = false;
				return;
			}
			if ( ! lwa || kind() !== 'lwa' || kindChosenByUser ) {
				note.hidden = true;
			}
		}

		select.addEventListener( 'change', updateVersion );
		Array.prototype.forEach.call( form.querySelectorAll( 'input[name="asa2[kind]"]' ), function ( radio ) {
			radio.addEventListener( 'change', function () {
				kindChosenByUser = true;
				updateVersion();
				updateDetection();
			} );
		} );
		[ idInput, secretInput ].forEach( function ( input ) {
			if ( input ) {
				input.addEventListener( 'input', updateDetection );
			}
		} );
		updateVersion();
	}

	document.addEventListener( 'DOMContentLoaded', function () {
		var form = document.getElementById( 'asa2-marketplace-form' );
		if ( form ) {
			initMarketplaceForm( form );
		}
		Array.prototype.forEach.call( document.querySelectorAll( 'form[data-asa2-confirm]' ), function ( f ) {
			f.addEventListener( 'submit', function ( event ) {
				if ( ! window.confirm( f.getAttribute( 'data-asa2-confirm' ) ) ) {
					event.preventDefault();
				}
			} );
		} );
		var focus = document.querySelector( '.asa2-form .form-invalid input, .asa2-form .form-invalid select' );
		if ( focus ) {
			focus.focus();
		}
	} );
}() );
