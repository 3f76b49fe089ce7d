/**
 * The pages of the public matrix and the maintainer dashboard, and the read-side queries they need.
 * The queries are interfaces here and the server implements them: the pages know what they show,
 * never how it is stored.
 */
package org.shimwatch.web;
