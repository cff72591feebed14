/**
 * ASA2 setup screens: live help on the Add/Edit Marketplace form, confirmations.
 * Plain JavaScript, no build step. The server validates everything again; this is only help
 * while typing.
 *
 * The marketplace form asks "rules" for its answers. Until asa2-core is ready the rules are the
 * data the server printed (the data-version-* and data-associates-url attributes of each
 * marketplace option). assets/admin-live.js loads asa2-core compiled to WebAssembly and hands
 * over the core's own rules with the "asa2:core-ready" event (also kept in window.asa2Core):
 *
 *   apiVersion( kind, marketplace )                 -> '3.2' or null
 *   associatesUrl( marketplace )                    -> URL or null
 *   detectKind( credentialId, credentialSecret )    -> 'lwa', 'cognito', 'unknown' or null
 *   mismatchWarning( kind, credentialId, secret )   -> message or null
 *   checkPartnerTag( tag, marketplace )             -> { errors: [], warnings: [] } or null
 */
( function () {
	'use strict';

	var i18n = window.asa2Admin || {};

	/** Milliseconds of quiet typing before the partner tag is checked. */
	var TAG_CHECK_DELAY = 300;

	/**
	 * Replaces %1$s, %2$s, ... (and %s) in a translated string.
	 *
	 * @param {string} text Translated text.
	 * @return {string}
	 */
	function format( text ) {
		var args = Array.prototype.slice.call( arguments, 1 );
		var next = 0;
		return String( text || '' ).replace( /%(?:(\d+)\$)?s/g, function ( match, position ) {
			var value = position ? args[ position - 1 ] : args[ next++ ];
			return value === undefined ? '' : String( value );
		} );
	}

	/**
	 * The rules the server printed into the marketplace options: no credential or tag checks.
	 *
	 * @param {HTMLSelectElement} select The marketplace select.
	 */
	function serverRules( select ) {
		function option( code ) {
			return code ? select.querySelector( 'option[value="' + code.replace( /[^A-Za-z]/g, '' ) + '"]' ) : null;
		}
		return {
			source: 'server',
			apiVersion: function ( kind, code ) {
				var o = option( code );
				return ( o && kind && o.getAttribute( 'data-version-' + kind ) ) || null;
			},
			associatesUrl: function ( code ) {
				var o = option( code );
				return ( o && o.getAttribute( 'data-associates-url' ) ) || null;
			},
			detectKind: null,
			mismatchWarning: null,
			checkPartnerTag: null,
		};
	}

	/**
	 * Shows messages in a live region: each a paragraph with a screen reader prefix.
	 *
	 * @param {HTMLElement} region   The aria-live element.
	 * @param {string}      severity 'error', 'warning' or 'info'.
	 * @param {string[]}    messages Messages (none empties the region).
	 */
	function showMessages( region, severity, messages ) {
		var prefix = 'error' === severity ? i18n.errorPrefix : ( 'warning' === severity ? i18n.warningPrefix : '' );
		var text = messages.join( '\n' );
		if ( region.getAttribute( 'data-shown' ) === severity + ':' + text ) {
			return;
		}
		region.setAttribute( 'data-shown', messages.length ? severity + ':' + text : '' );
		region.textContent = '';
		region.className = region.className.replace( /\basa2-live-(error|warning|info)\b/g, '' ).trim();
		if ( ! messages.length ) {
			return;
		}
		region.classList.add( 'asa2-live-' + severity );
		messages.forEach( function ( message ) {
			var line = document.createElement( 'span' );
			line.className = 'asa2-live-line';
			if ( prefix ) {
				var sr = document.createElement( 'span' );
				sr.className = 'screen-reader-text';
				sr.textContent = prefix + ' ';
				line.appendChild( sr );
			}
			line.appendChild( document.createTextNode( message ) );
			region.appendChild( line );
		} );
	}

	function initMarketplaceForm( form ) {
		var select = form.querySelector( '#asa2-marketplace' );
		var output = form.querySelector( '#asa2-api-version' );
		var idInput = form.querySelector( '#asa2-credential_id' );
		var secretInput = form.querySelector( '#asa2-credential_secret' );
		var note = form.querySelector( '#asa2-kind-detected' );
		var linkWrap = form.querySelector( '.asa2-associates-link' );
		var link = form.querySelector( '#asa2-associates-url' );
		var tagInput = form.querySelector( '#asa2-partner_tag' );
		var tagLive = form.querySelector( '#asa2-partner_tag-live' );
		var rules = serverRules( select );
		// A form shown again with input (editing, or after a rejected save) keeps its credential
		// type: a mismatch is warned, never switched behind the user's back.
		var kindChosenByUser = Boolean( idInput && idInput.value );
		var kindSetByDetection = false;
		var tagTimer = null;
		var pointerDown = false;
		var tagCheckDeferred = false;

		function code() {
			return select.value || '';
		}

		function kind() {
			var checked = form.querySelector( 'input[name="asa2[kind]"]:checked' );
			return checked ? checked.value : '';
		}

		function label( id ) {
			return ( i18n.kinds && i18n.kinds[ id ] ) || id;
		}

		function updateVersion() {
			var version = code() && kind() ? rules.apiVersion( kind(), code() ) : null;
			output.textContent = version || output.getAttribute( 'data-empty' ) || i18n.selectFirst || '';
			output.classList.toggle( 'asa2-version-empty', ! version );
			if ( link && linkWrap ) {
				var url = code() ? rules.associatesUrl( code() ) : null;
				linkWrap.hidden = ! url;
				if ( url ) {
					link.href = url;
					link.textContent = url;
				}
			}
		}

		function updateDetection() {
			if ( ! note || ! rules.detectKind ) {
				return;
			}
			var id = idInput ? idInput.value : '';
			var secret = secretInput ? secretInput.value : '';
			var detected = rules.detectKind( id, secret );
			var known = 'lwa' === detected || 'cognito' === detected;
			var radio = known ? form.querySelector( '#asa2-kind-' + detected ) : null;
			if ( known && radio && detected !== kind() && ! kindChosenByUser ) {
				radio.checked = true;
				kindSetByDetection = true;
				showMessages( note, 'info', [ format( i18n.detected, label( detected ) ) ] );
				updateVersion();
				return;
			}
			if ( kind() && rules.mismatchWarning( kind(), id, secret ) ) {
				showMessages( note, 'warning', [ format( i18n.mismatch, label( detected ), label( kind() ) ) ] );
				return;
			}
			if ( ! ( known && detected === kind() && kindSetByDetection ) ) {
				showMessages( note, 'info', [] );
			}
		}

		function checkTag() {
			window.clearTimeout( tagTimer );
			tagTimer = null;
			if ( ! tagInput || ! tagLive || ! rules.checkPartnerTag ) {
				return;
			}
			// A message appearing moves the rows below; never under a pressed pointer, or the
			// click on "Add Marketplace" that blurred the field would land beside the button.
			if ( pointerDown ) {
				tagCheckDeferred = true;
				return;
			}
			var result = tagInput.value.trim() && code() ? rules.checkPartnerTag( tagInput.value, code() ) : null;
			var errors = result ? result.errors : [];
			if ( errors.length ) {
				tagInput.setAttribute( 'aria-invalid', 'true' );
				showMessages( tagLive, 'error', errors );
				return;
			}
			if ( result ) {
				tagInput.removeAttribute( 'aria-invalid' );
			}
			showMessages( tagLive, 'warning', result ? result.warnings : [] );
		}

		function checkTagSoon() {
			window.clearTimeout( tagTimer );
			tagTimer = window.setTimeout( checkTag, TAG_CHECK_DELAY );
		}

		function update() {
			updateVersion();
			updateDetection();
			checkTag();
		}

		/**
		 * Switches to asa2-core's rules once assets/admin-live.js loaded it.
		 *
		 * @param {Object} core The rules (see the top of this file).
		 */
		function useCore( core ) {
			if ( ! core || rules === core ) {
				return;
			}
			rules = core;
			update();
		}

		select.addEventListener( 'change', function () {
			updateVersion();
			checkTag();
		} );
		Array.prototype.forEach.call( form.querySelectorAll( 'input[name="asa2[kind]"]' ), function ( radio ) {
			radio.addEventListener( 'change', function () {
				kindChosenByUser = true;
				kindSetByDetection = false;
				updateVersion();
				updateDetection();
			} );
		} );
		[ idInput, secretInput ].forEach( function ( input ) {
			if ( input ) {
				input.addEventListener( 'input', updateDetection );
			}
		} );
		if ( tagInput ) {
			tagInput.addEventListener( 'input', checkTagSoon );
			tagInput.addEventListener( 'change', checkTag );
		}
		form.addEventListener( 'pointerdown', function () {
			pointerDown = true;
		}, true );
		[ 'pointerup', 'pointercancel' ].forEach( function ( type ) {
			document.addEventListener( type, function () {
				pointerDown = false;
				if ( tagCheckDeferred ) {
					tagCheckDeferred = false;
					window.setTimeout( checkTag, 0 );
				}
			}, true );
		} );
		document.addEventListener( 'asa2:core-ready', function ( event ) {
			useCore( event.detail );
		} );

		if ( ! i18n.live && form.hasAttribute( 'data-asa2-live' ) ) {
			form.setAttribute( 'data-asa2-live', 'unavailable' );
			if ( window.console ) {
				window.console.warn( i18n.liveNotBuilt );
			}
		}
		updateVersion();
		useCore( window.asa2Core );
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
