/**
 * Editor side of the "ASA2 Product" block: edits asin, marketplace, template and idset. The box
 * itself is rendered on the server from stored product data (no build step).
 */
( function ( blocks, element, components, blockEditor, i18n ) {
	'use strict';

	var el = element.createElement;
	var __ = i18n.__;

	blocks.registerBlockType( 'asa2/product', {
		apiVersion: 2,
		title: __( 'ASA2 Product', 'asa2-creators' ),
		description: __( 'An Amazon product box from the products stored in ASA2 → Products.', 'asa2-creators' ),
		icon: 'cart',
		category: 'widgets',
		attributes: {
			asin: { type: 'string', default: '' },
			marketplace: { type: 'string', default: '' },
			template: { type: 'string', default: '' },
			idset: { type: 'string', default: '' }
		},
		edit: function ( props ) {
			var a = props.attributes;
			function field( name, label, help ) {
				return el( components.TextControl, {
					label: label,
					help: help,
					value: a[ name ],
					onChange: function ( value ) {
						var next = {};
						next[ name ] = value;
						props.setAttributes( next );
					}
				} );
			}
			return el(
				'div',
				blockEditor.useBlockProps(),
				el(
					components.Placeholder,
					{ icon: 'cart', label: __( 'ASA2 Product', 'asa2-creators' ), instructions: __( 'Shows a product stored in ASA2 → Products. Products not stored yet are loaded in the background.', 'asa2-creators' ) },
					el(
						'div',
						{ style: { width: '100%' } },
						field( 'asin', __( 'ASIN or Amazon URL', 'asa2-creators' ) ),
						field( 'marketplace', __( 'Marketplace (e.g. DE; empty: default)', 'asa2-creators' ) ),
						field( 'template', __( 'Template (empty: default)', 'asa2-creators' ) ),
						field( 'idset', __( 'Associate ID Set (empty: the marketplace\'s tracking ID)', 'asa2-creators' ) )
					)
				)
			);
		},
		save: function () {
			return null;
		}
	} );
}( window.wp.blocks, window.wp.element, window.wp.components, window.wp.blockEditor, window.wp.i18n ) );
