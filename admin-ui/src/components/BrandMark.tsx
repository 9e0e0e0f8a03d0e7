/** The console's mark: an inline SVG, no image request. */
export const BrandMark = ({ size = 28 }: { size?: number }) => (
  <svg width={size} height={size} viewBox="0 0 32 32" aria-hidden="true" focusable="false">
    <rect width="32" height="32" rx="8" fill="#4f46e5" />
    <path d="M9 22V10h7.5a4.5 4.5 0 0 1 0 9H13v3z" fill="none" stroke="#fff" strokeWidth="2.6" strokeLinejoin="round" />
  </svg>
);
