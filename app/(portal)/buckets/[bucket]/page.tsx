import type { Metadata } from "next";
import { FolderPage, filterParam } from "../_lib/folder-page";

type Props = { params: Promise<{ bucket: string }>; searchParams: Promise<{ q?: string | string[] }> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  return { title: `${decodeURIComponent((await params).bucket)} · Buckets` };
}

export default async function BucketPage({ params, searchParams }: Props) {
  const { bucket } = await params;
  return <FolderPage bucket={decodeURIComponent(bucket)} prefix="" filter={filterParam((await searchParams).q)} />;
}
