/**
 * Live checks of the ASA2 setup forms, answered by asa2-core compiled to WebAssembly, so the
 * browser applies exactly the rules the server applies on save (the server still checks
 * everything; this only helps while typing).
 *
 * Loaded as an ES module (browsers without modules skip it and keep the server's data). It runs
 * only when the page has a form marked data-asa2-live. Once asa2-core is ready it sets
 * data-asa2-live="ready" (and data-asa2-core-version) on those forms, keeps the rules in
 * window.asa2Core and dispatches the "asa2:core-ready" event with them (assets/admin.js lists
 * the rules). When the build cannot load, the forms get data-asa2-live="unavailable" and the
 * console one warning.
 */

const settings = window.asa2Admin || {};
const forms = Array.from( document.querySelectorAll( 'form[data-asa2-live]' ) );

/**
 * Whether an exception is one of asa2-core's own answers (a JavaScript Error named Asa2Error
 * with kind "validation", "argument" or "internal", errors by field and the same messages with
 * their codes in details).
 *
 * @param {unknown} error Thrown value.
 * @return {boolean}
 */
function isAsa2Error( error ) {
	return Boolean( error ) && 'Asa2Error' === error.name;
}

/**
 * One of asa2-core's messages in the site's language: the sentence the plugin keeps for its code
 * (settings.messages, from CoreMessages on the server) with the parameters filled in (a country
 * by its name, settings.countries), or the core's English text for a code without one.
 *
 * @param {{code: string, params: Object, message: string}} detail A coded message.
 * @return {string}
 */
function sentence( detail ) {
	const sentences = settings.messages || {};
	if ( ! detail.code || 'string' !== typeof sentences[ detail.code ] ) {
		return detail.message;
	}
	const params = detail.params || {};
	return sentences[ detail.code ].replace( /\{([a-z_]+)\}/g, ( whole, name ) => {
		if ( ! Object.prototype.hasOwnProperty.call( params, name ) ) {
			return whole;
		}
		const value = params[ name ];
		if ( value && 'object' === typeof value ) {
			return sentence( value );
		}
		const countries = settings.countries || {};
		return 'country' === name && 'string' === typeof countries[ value ] ? countries[ value ] : String( value );
	} );
}

/**
 * Coded messages about one field, in the site's language (all of them when the field has none).
 *
 * @param {Array<{field: string}>} details The messages.
 * @param {string} field Field name.
 * @return {string[]}
 */
function sentencesFor( details, field ) {
	const own = details.filter( ( detail ) => detail.field === field );
	return ( own.length ? own : details ).map( sentence );
}

/**
 * Messages of a validation error for one field (all messages when the field has none).
 *
 * @param {Error & {details?: Array}} error The Asa2Error.
 * @param {string} field Field name.
 * @return {string[]}
 */
function messagesFor( error, field ) {
	const all = sentencesFor( Array.isArray( error.details ) ? error.details : [], field );
	return all.length ? all : [ error.message ];
}

/**
 * The form's rules, answered by the core. An input the core refuses (no marketplace chosen yet,
 * an unknown kind) answers null, as the server's data would.
 *
 * @param {Object} core The asa2_wasm.js module, initialised.
 * @return {Object}
 */
function rulesOf( core ) {
	const answer = ( call ) => {
		try {
			return call();
		} catch ( error ) {
			if ( ! isAsa2Error( error ) ) {
				throw error;
			}
			return null;
		}
	};
	return {
		source: 'wasm',
		coreVersion: core.version(),
		apiVersion: ( kind, marketplace ) => answer( () => core.apiVersion( kind, marketplace ) ),
		associatesUrl: ( marketplace ) => answer( () => core.associatesUrl( marketplace ) ),
		detectKind: ( id, secret ) => answer( () => core.detectKind( id, secret ) ),
		mismatchWarning: ( kind, id, secret ) => answer( () => core.mismatchWarning( kind, id, secret ) ),
		checkPartnerTag( tag, marketplace ) {
			try {
				const checked = core.checkPartnerTag( tag, marketplace );
				const warnings = ( checked.warning_details || [] ).filter( ( detail ) => 'partner_tag' === detail.field );
				return { errors: [], warnings: warnings.map( sentence ) };
			} catch ( error ) {
				if ( ! isAsa2Error( error ) ) {
					throw error;
				}
				if ( 'validation' !== error.kind || ( error.errors && error.errors.marketplace ) ) {
					return null;
				}
				return { errors: messagesFor( error, 'partner_tag' ), warnings: [] };
			}
		},
	};
}

async function start() {
	const live = settings.live || {};
	try {
		if ( ! live.module || ! live.binary ) {
			throw new Error( 'no URL of the wasm build' );
		}
		const core = await import( live.module );
		await core.default( { module_or_path: live.binary } );
		const rules = rulesOf( core );
		window.asa2Core = rules;
		forms.forEach( ( form ) => {
			form.setAttribute( 'data-asa2-core-version', rules.coreVersion );
			form.setAttribute( 'data-asa2-live', 'ready' );
		} );
		document.dispatchEvent( new CustomEvent( 'asa2:core-ready', { detail: rules } ) );
	} catch ( error ) {
		forms.forEach( ( form ) => form.setAttribute( 'data-asa2-live', 'unavailable' ) );
		// eslint-disable-next-line no-console
		console.warn( settings.liveUnavailable || 'ASA2: live form checks are off.', error && error.message ? error.message : error );
	}
}

if ( forms.length ) {
	start();
}
