package dev.llamakit.eval.math.latex;

/** A complex double with principal-branch logarithms and powers (sympy's symbols are complex). */
record Complex(double re, double im) {
  static Complex real(double re) {
    return new Complex(re, 0);
  }

  Complex add(Complex o) {
    return new Complex(re + o.re, im + o.im);
  }

  Complex sub(Complex o) {
    return new Complex(re - o.re, im - o.im);
  }

  Complex mul(Complex o) {
    return new Complex(re * o.re - im * o.im, re * o.im + im * o.re);
  }

  Complex div(Complex o) {
    double d = o.re * o.re + o.im * o.im;
    return new Complex((re * o.re + im * o.im) / d, (im * o.re - re * o.im) / d);
  }

  Complex negate() {
    return new Complex(-re, -im);
  }

  double abs() {
    return Math.hypot(re, im);
  }

  boolean isFinite() {
    return Double.isFinite(re) && Double.isFinite(im);
  }

  /** {@code this^n} by repeated squaring (0^0 is 1). */
  Complex pow(long n) {
    Complex result = real(1);
    Complex b = n < 0 ? real(1).div(this) : this;
    for (long k = Math.abs(n); k > 0; k >>= 1) {
      if ((k & 1) == 1) {
        result = result.mul(b);
      }
      b = b.mul(b);
    }
    return result;
  }

  /** The principal value {@code exp(w log this)}; 0 to a power with positive real part is 0. */
  Complex pow(Complex w) {
    if (re == 0 && im == 0) {
      return w.re > 0 ? real(0) : new Complex(Double.NaN, Double.NaN);
    }
    double logAbs = Math.log(abs());
    double arg = Math.atan2(im, re);
    double r = Math.exp(w.re * logAbs - w.im * arg);
    double t = w.im * logAbs + w.re * arg;
    return new Complex(r * Math.cos(t), r * Math.sin(t));
  }

  Complex exp() {
    double r = Math.exp(re);
    return new Complex(r * Math.cos(im), r * Math.sin(im));
  }

  /** The principal logarithm. */
  Complex log() {
    return new Complex(Math.log(abs()), Math.atan2(im, re));
  }

  Complex sin() {
    return new Complex(Math.sin(re) * Math.cosh(im), Math.cos(re) * Math.sinh(im));
  }

  Complex cos() {
    return new Complex(Math.cos(re) * Math.cosh(im), -Math.sin(re) * Math.sinh(im));
  }

  Complex sinh() {
    return new Complex(Math.sinh(re) * Math.cos(im), Math.cosh(re) * Math.sin(im));
  }

  Complex cosh() {
    return new Complex(Math.cosh(re) * Math.cos(im), Math.sinh(re) * Math.sin(im));
  }
}
