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
 * with kind "validation", "argument" or "internal", and errors by field).
 *
 * @param {unknown} error Thrown value.
 * @return {boolean}
 */
function isAsa2Error( error ) {
	return Boolean( error ) && 'Asa2Error' === error.name;
}

/**
 * Messages of a validation error for one field (all messages when the field has none).
 *
 * @param {Error & {errors?: Object<string, string[]>}} error The Asa2Error.
 * @param {string} field Field name.
 * @return {string[]}
 */
function messagesFor( error, field ) {
	const errors = error.errors || {};
	if ( Array.isArray( errors[ field ] ) && errors[ field ].length ) {
		return errors[ field ];
	}
	const all = Object.values( errors ).flat();
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
				return { errors: [], warnings: ( checked.warnings && checked.warnings.partner_tag ) || [] };
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
