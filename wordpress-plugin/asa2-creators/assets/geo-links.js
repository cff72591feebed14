/**
 * ASA2: sends visitors to the Amazon store of their own country.
 *
 * The page (possibly from a full-page cache) is the same for everyone; this script asks
 * /wp-json/asa2/v1/country once per visitor (the answer is kept in a cookie for a day) and
 * rewrites the links of each product box whose product the visitor's store has (the box lists
 * those stores in data-asa2-stores) to that store, with the box's Associate ID Set's tracking
 * ID there. Boxes whose product that store lacks keep their links. Settings: see the JSON block
 * #asa2-geo-config, printed by Asa2\Creators\Geo\BoxLocalizer.
 */
( function () {
	'use strict';

	var holder = document.getElementById( 'asa2-geo-config' );
	if ( ! holder || ! window.fetch ) {
		return;
	}
	var config;
	try {
		config = JSON.parse( holder.textContent );
	} catch ( e ) {
		return;
	}

	function fromCookie() {
		var match = document.cookie.match( new RegExp( '(?:^|; )' + config.cookie + '=([^;]*)' ) );
		return match ? match[ 1 ] : null;
	}

	function localize( country ) {
		if ( ! /^[A-Z]{2}$/.test( country || '' ) ) {
			return;
		}
		var boxes = document.querySelectorAll( '.asa2-product[data-asa2-stores]' );
		Array.prototype.forEach.call( boxes, function ( box ) {
			var set = config.sets[ box.getAttribute( 'data-asa2-set' ) || '' ];
			var own = box.getAttribute( 'data-marketplace' );
			var store = set && set.countries[ country ];
			var asin = box.getAttribute( 'data-asin' );
			if ( ! store || store === own || ! set.tags[ store ] || ! config.hosts[ store ] || ! /^[A-Z0-9]{10}$/.test( asin || '' ) ) {
				return;
			}
			if ( box.getAttribute( 'data-asa2-stores' ).split( ' ' ).indexOf( store ) < 0 ) {
				return; // Not stored or not available there: the box keeps its own link.
			}
			var href = 'https://' + config.hosts[ store ] + '/dp/' + asin + '?tag=' + encodeURIComponent( set.tags[ store ] );
			Array.prototype.forEach.call( box.querySelectorAll( 'a[href]' ), function ( link ) {
				if ( link.hostname === config.hosts[ own ] ) {
					link.href = href;
				}
			} );
			box.setAttribute( 'data-asa2-localized', store );
		} );
	}

	var kept = fromCookie();
	if ( null !== kept ) {
		localize( kept );
		return;
	}
	window.fetch( config.endpoint, { credentials: 'same-origin', headers: { Accept: 'application/json' } } )
		.then( function ( response ) {
			return response.ok ? response.json() : null;
		} )
		.then( function ( answer ) {
			if ( answer && 'string' === typeof answer.country ) {
				localize( answer.country );
			}
		} )
		.catch( function () {} );
}() );
