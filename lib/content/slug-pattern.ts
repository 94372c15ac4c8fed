/** Lowercase ASCII words joined by single hyphens: the only shape a slug may have in a URL. */
export const slugPattern = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;
