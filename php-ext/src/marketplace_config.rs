//! `Asa2\MarketplaceConfig`: the "Add Marketplace" form and the list of configured
//! marketplaces.

use asa2_core::{FieldErrors, MarketplaceConfig as CoreConfig, MarketplaceConfigInput};
use ext_php_rs::boxed::ZBox;
use ext_php_rs::flags::ClassFlags;
use ext_php_rs::prelude::*;
use ext_php_rs::types::ZendHashTable;
use serde::Serialize;
use serde_json::Value;

use crate::convert::{array_to_json, bounded, from_php, to_array};
use crate::errors::{OrThrow, guard, invalid, validation};
use crate::grouped::Grouped;

/// A validated configuration as PHP stores it.
#[derive(Serialize)]
pub(crate) struct ConfigView<'a> {
    marketplace: &'a str,
    kind: &'a str,
    api_version: String,
    credential_id: &'a str,
    credential_secret: &'a str,
    partner_tag: &'a str,
    enabled: bool,
    default: bool,
}

impl<'a> From<&'a CoreConfig> for ConfigView<'a> {
    fn from(c: &'a CoreConfig) -> Self {
        ConfigView {
            marketplace: c.marketplace().code(),
            kind: c.kind().id(),
            api_version: c.api_version().to_string(),
            credential_id: &c.credentials.credential_id,
            credential_secret: c.credentials.credential_secret.expose(),
            partner_tag: &c.credentials.partner_tag,
            enabled: c.enabled,
            default: c.default,
        }
    }
}

/// A `$config` argument (what validate() returned under `config`), validated again: stored
/// settings may be older than the rules.
pub(crate) fn config_from_php(config: &ZendHashTable) -> PhpResult<CoreConfig> {
    let input: MarketplaceConfigInput = from_php(config, "config")?;
    input.validate().map(|v| v.value).or_throw()
}

#[derive(Serialize)]
struct ValidateResult<'a> {
    config: ConfigView<'a>,
    warnings: Grouped<'a>,
    warning_details: &'a FieldErrors,
}

/// The "Add Marketplace" form and the list of configured marketplaces.
#[php_class]
#[php(name = "Asa2\\MarketplaceConfig")]
#[php(flags = ClassFlags::Final)]
pub struct MarketplaceConfig;

#[php_impl]
impl MarketplaceConfig {
    /// Validates one form submission and normalizes it (trimmed strings, derived API version).
    ///
    /// @param array $input marketplace, kind, credential_id, credential_secret, partner_tag, enabled, default
    /// @return array{config: array, warnings: array<string, list<string>>}
    /// @throws ValidationException every field error at once
    pub fn validate(input: &ZendHashTable) -> PhpResult<ZBox<ZendHashTable>> {
        guard(|| {
            let input: MarketplaceConfigInput = from_php(input, "input")?;
            let validated = input.validate().or_throw()?;
            to_array(&ValidateResult {
                config: ConfigView::from(&validated.value),
                warnings: Grouped::new(&validated.warnings),
                warning_details: &validated.warnings,
            })
        })
    }

    /// Checks a whole list of configurations: one per marketplace, at most one default, the
    /// default enabled.
    ///
    /// @param list<array> $configs
    /// @throws ValidationException errors keyed by field ("marketplace", "default")
    pub fn validate_set(configs: &ZendHashTable) -> PhpResult<()> {
        guard(|| {
            let inputs: Vec<MarketplaceConfigInput> = match array_to_json(configs, "configs")? {
                Value::Array(items) => items
                    .into_iter()
                    .map(|item| {
                        let item = match item {
                            Value::Array(items) if items.is_empty() => {
                                Value::Object(Default::default())
                            }
                            Value::Array(_) => Value::Null,
                            other => other,
                        };
                        serde_json::from_value(item).map_err(|e| invalid("configs", bounded(e)))
                    })
                    .collect::<PhpResult<_>>()?,
                _ => return Err(invalid("configs", "Pass a list of configurations.")),
            };
            let mut errors = FieldErrors::new();
            let mut configs = Vec::with_capacity(inputs.len());
            for input in &inputs {
                match input.validate() {
                    Ok(v) => configs.push(v.value),
                    Err(e) => errors.extend(e),
                }
            }
            if !errors.is_empty() {
                return Err(validation(&errors));
            }
            CoreConfig::validate_set(&configs).or_throw()
        })
    }
}
