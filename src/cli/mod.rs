pub mod params;
pub mod shorthand;
