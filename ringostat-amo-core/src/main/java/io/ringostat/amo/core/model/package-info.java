@AmoStyle
package io.ringostat.amo.core.model;

import io.ringostat.amo.core.AmoStyle;
