/**
 * Editor side of the "ASA2 Product" block; block.json beside this file defines the block for the
 * server and the editor alike. While no product is chosen the block searches the stored products
 * (GET /asa2/v1/products: by title or ASIN, or an Amazon product URL or ASIN pasted in); the
 * sidebar holds the four settings; the canvas shows the box as visitors see it, rendered on the
 * server from stored data (ServerSideRender). Plain ES2017 on the wp.* globals: no build step.
 */
( function ( wp ) {
	'use strict';

	var el = wp.element.createElement;
	var Fragment = wp.element.Fragment;
	var useState = wp.element.useState;
	var useEffect = wp.element.useEffect;
	var __ = wp.i18n.__;
	var sprintf = wp.i18n.sprintf;
	var components = wp.components;
	var blockEditor = wp.blockEditor;
	// A named export in newer WordPress; the default export (the global itself) in older ones.
	var ServerSideRender = wp.serverSideRender.ServerSideRender || wp.serverSideRender;

	var BLOCK = 'asa2/product';
	var ROUTE = '/asa2/v1/products';
	var PER_PAGE = 10;
	var SEARCH_DELAY_MS = 300;

	/** The settings' choices, handed over by the server (Render\BlockChoices). */
	var choices = Object.assign(
		{ marketplaces: [], templates: [], idSets: [], productsUrl: '' },
		window.asa2ProductBlock || {}
	);

	/**
	 * A select's options with the current value added when the site no longer offers it, so the
	 * select shows what the block holds.
	 */
	function withCurrent( options, value ) {
		var known = options.some( function ( option ) {
			return option.value === value;
		} );
		if ( known ) {
			return options;
		}
		/* translators: %s: a setting's value the site does not offer (any more) */
		return options.concat( [ { value: value, label: sprintf( __( '%s (not set up)', 'asa2-creators' ), value ) } ] );
	}

	/**
	 * The stored products matching `search` (all the newest when empty), fetched after a pause in
	 * typing; `search` in the result tells which search the products answer.
	 */
	function useProductSearch( search ) {
		var state = useState( { loading: true, products: [], error: '', search: null } );
		var result = state[ 0 ];
		var setResult = state[ 1 ];

		useEffect(
			function () {
				var cancelled = false;
				setResult( function ( previous ) {
					return { loading: true, products: previous.products, error: '', search: previous.search };
				} );
				var timer = setTimeout(
					function () {
						wp.apiFetch( { path: wp.url.addQueryArgs( ROUTE, { search: search, per_page: PER_PAGE } ) } ).then(
							function ( products ) {
								if ( ! cancelled ) {
									setResult( { loading: false, products: Array.isArray( products ) ? products : [], error: '', search: search } );
								}
							},
							function ( error ) {
								if ( ! cancelled ) {
									setResult( {
										loading: false,
										products: [],
										error: error && error.message ? error.message : __( 'The products could not be searched. Reload the page and try again.', 'asa2-creators' ),
										search: search,
									} );
								}
							}
						);
					},
					search ? SEARCH_DELAY_MS : 0
				);
				return function () {
					cancelled = true;
					clearTimeout( timer );
				};
			},
			[ search ]
		);
		return result;
	}

	/** One product of the results, as a button that picks it. */
	function Result( props ) {
		var product = props.product;
		var where = product.marketplace
			? product.asin + ' · ' + product.marketplace
			: /* translators: %s: ASIN */ sprintf( __( '%s · default marketplace', 'asa2-creators' ), product.asin );
		var title = product.title || ( product.loaded ? product.asin : __( 'Not loaded yet: it is loaded in the background once picked', 'asa2-creators' ) );
		return el(
			'li',
			null,
			el(
				'button',
				{
					type: 'button',
					className: 'asa2-product-picker__result' + ( product.loaded ? '' : ' is-not-loaded' ),
					onClick: function () {
						props.onPick( product );
					},
				},
				product.image
					? el( 'img', { className: 'asa2-product-picker__image', src: product.image, alt: '', loading: 'lazy' } )
					: el( 'span', { className: 'asa2-product-picker__image is-empty', 'aria-hidden': 'true' } ),
				el(
					'span',
					{ className: 'asa2-product-picker__text' },
					el( 'span', { className: 'asa2-product-picker__title' }, title ),
					el( 'span', { className: 'asa2-product-picker__meta' }, where )
				)
			)
		);
	}

	/** What the results area says when it lists nothing. */
	function NoResults( props ) {
		var text = props.search
			? /* translators: %s: the search text */ sprintf( __( 'No stored product matches "%s". Paste an Amazon product URL or an ASIN to show a product that is not stored yet.', 'asa2-creators' ), props.search )
			: __( 'No products are stored yet. Paste an Amazon product URL or an ASIN above.', 'asa2-creators' );
		return el(
			'p',
			{ className: 'asa2-product-picker__empty' },
			text,
			choices.productsUrl ? ' ' : null,
			choices.productsUrl ? el( 'a', { href: choices.productsUrl, target: '_blank', rel: 'noopener noreferrer' }, __( 'Add products in ASA2 → Products', 'asa2-creators' ) ) : null
		);
	}

	/** The product search shown while the block has no product (or one is being changed). */
	function ProductPicker( props ) {
		var searchState = useState( '' );
		var search = searchState[ 0 ];
		var result = useProductSearch( search.trim() );

		var body;
		if ( result.error ) {
			body = el( 'p', { className: 'asa2-product-picker__error', role: 'alert' }, result.error );
		} else if ( ! result.loading && 0 === result.products.length ) {
			body = el( NoResults, { search: search.trim() } );
		} else {
			body = el(
				'ul',
				{
					className: 'asa2-product-picker__results',
					'aria-busy': result.loading ? 'true' : 'false',
					'aria-label': __( 'Stored products', 'asa2-creators' ),
					'data-search': null === result.search ? undefined : result.search,
				},
				result.products.map( function ( product ) {
					return el( Result, { key: product.asin + '|' + product.marketplace, product: product, onPick: props.onPick } );
				} )
			);
		}

		return el(
			components.Placeholder,
			{
				icon: 'cart',
				label: __( 'ASA2 Product', 'asa2-creators' ),
				instructions: __( 'Search your stored products by title or ASIN, or paste an Amazon product URL or an ASIN.', 'asa2-creators' ),
				className: 'asa2-product-picker',
			},
			el(
				'div',
				{ className: 'asa2-product-picker__body' },
				el( components.SearchControl, {
					__nextHasNoMarginBottom: true,
					className: 'asa2-product-picker__search',
					label: __( 'Search the stored products', 'asa2-creators' ),
					placeholder: __( 'Title, ASIN or Amazon URL', 'asa2-creators' ),
					value: search,
					onChange: searchState[ 1 ],
				} ),
				result.loading ? el( components.Spinner ) : null,
				body,
				props.onCancel
					? el( components.Button, { variant: 'link', size: 'compact', className: 'asa2-product-picker__cancel', onClick: props.onCancel }, __( 'Keep the current product', 'asa2-creators' ) )
					: null
			)
		);
	}

	/** The four settings, in the sidebar. */
	function Settings( props ) {
		var a = props.attributes;
		function select( name, label, options, help ) {
			return el( components.SelectControl, {
				__nextHasNoMarginBottom: true,
				__next40pxDefaultSize: true,
				label: label,
				help: help,
				value: a[ name ],
				options: withCurrent( options, a[ name ] ),
				onChange: function ( value ) {
					var next = {};
					next[ name ] = value;
					props.setAttributes( next );
				},
			} );
		}
		return el(
			components.PanelBody,
			{ title: __( 'Product', 'asa2-creators' ), className: 'asa2-block-settings' },
			el(
				'div',
				{ className: 'asa2-block-settings__product', style: { marginBottom: '16px' } },
				el(
					'p',
					{ className: 'asa2-block-settings__asin', style: { margin: '0 0 8px' } },
					a.asin
						? el( Fragment, null, __( 'ASIN', 'asa2-creators' ) + ' ', el( 'code', null, a.asin ) )
						: __( 'No product is chosen yet: search for one in the block.', 'asa2-creators' )
				),
				a.asin
					? el( components.Button, { variant: 'secondary', size: 'compact', className: 'asa2-block-settings__change', onClick: props.onChangeProduct }, __( 'Change product', 'asa2-creators' ) )
					: null
			),
			select( 'marketplace', __( 'Marketplace', 'asa2-creators' ), choices.marketplaces, __( 'The Amazon store the product and its link come from.', 'asa2-creators' ) ),
			select( 'template', __( 'Template', 'asa2-creators' ), choices.templates, __( 'Templates are edited in ASA2 → Options → Templates.', 'asa2-creators' ) ),
			select( 'idset', __( 'Associate ID Set', 'asa2-creators' ), choices.idSets, __( 'Whose tracking ID the links carry.', 'asa2-creators' ) )
		);
	}

	/** The box as visitors see it (editors also see hints, e.g. for a product not loaded yet). */
	function Preview( props ) {
		return el(
			components.Disabled,
			null,
			el( ServerSideRender, {
				block: BLOCK,
				attributes: {
					asin: props.attributes.asin,
					marketplace: props.attributes.marketplace,
					template: props.attributes.template,
					idset: props.attributes.idset,
				},
			} )
		);
	}

	function Edit( props ) {
		var a = props.attributes;
		var changingState = useState( false );
		var changing = changingState[ 0 ];
		var setChanging = changingState[ 1 ];
		var blockProps = blockEditor.useBlockProps( { className: 'asa2-product-block' } );
		var picking = ! a.asin || changing;

		function pick( product ) {
			props.setAttributes( { asin: product.asin, marketplace: product.marketplace } );
			setChanging( false );
		}
		function changeProduct() {
			setChanging( true );
		}

		return el(
			Fragment,
			null,
			a.asin && ! changing
				? el(
						blockEditor.BlockControls,
						null,
						el(
							components.ToolbarGroup,
							null,
							el( components.ToolbarButton, { icon: 'search', label: __( 'Change product', 'asa2-creators' ), onClick: changeProduct } )
						)
				  )
				: null,
			el( blockEditor.InspectorControls, null, el( Settings, { attributes: a, setAttributes: props.setAttributes, onChangeProduct: changeProduct } ) ),
			el(
				'div',
				blockProps,
				picking
					? el( ProductPicker, {
							onPick: pick,
							onCancel: a.asin
								? function () {
										setChanging( false );
								  }
								: null,
					  } )
					: el( Preview, { attributes: a } )
			)
		);
	}

	wp.blocks.registerBlockType( BLOCK, {
		edit: Edit,
		save: function () {
			return null;
		},
	} );
}( window.wp ) );
