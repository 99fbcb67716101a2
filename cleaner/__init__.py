"""cleaner: text-quality cleanup for machine-translated and synonym-spun news."""
